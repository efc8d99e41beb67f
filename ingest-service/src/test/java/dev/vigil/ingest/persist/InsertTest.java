package dev.vigil.ingest.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InsertTest {
    private static final long DAY = 86_400_000_000_000L;
    private static final long D0 = 20_000;

    /** What each insert was given: its token and the rows, as timestamps. */
    private final Map<String, List<Long>> written = new TreeMap<>();

    @Test
    void keepsTheBatchTokenWhenTheRowsFitOneWindow() throws InterruptedException {
        List<List<Long>> records = List.of(List.of(at(D0), at(D0 + 1)), List.of(at(D0 + 49)));
        List<Insert> inserts = Insert.byDays("t", records, x -> x, this::write);

        assertThat(inserts).singleElement().satisfies(i -> {
            assertThat(i.window()).isEmpty();
            assertThat(i.records()).containsExactly(0, 1);
        });
        inserts.getFirst().writer().insert(List.of(0, 1), "batch");
        assertThat(written).containsOnlyKeys("batch");
        assertThat(written.get("batch")).hasSize(3);
    }

    @Test
    void cutsRowsOverMoreThanFiftyDaysIntoWindowsEachWithItsRecordsAndOnlyItsRows() throws InterruptedException {
        // Record 0 spans 102 days on its own; record 1 has one row on the first day, record 2 one on the last.
        List<Long> long0 = LongStream.range(0, 102).mapToObj(d -> at(D0 + d)).toList();
        List<List<Long>> records = List.of(long0, List.of(at(D0)), List.of(at(D0 + 101)));
        List<Insert> inserts = Insert.byDays("t", records, x -> x, this::write);

        assertThat(inserts).extracting(Insert::window).containsExactly("days-20000-20049", "days-20050-20099",
                "days-20100-20101");
        assertThat(inserts).extracting(Insert::records).containsExactly(List.of(0, 1), List.of(0), List.of(0, 2));
        for (Insert insert : inserts) {
            insert.writer().insert(insert.records(), insert.window());
        }
        assertThat(written.get("days-20000-20049")).hasSize(51).allMatch(t -> PartitionDays.day(t) < D0 + 50);
        assertThat(written.get("days-20050-20099")).hasSize(50);
        assertThat(written.get("days-20100-20101")).containsExactly(at(D0 + 100), at(D0 + 101), at(D0 + 101));
        // The same rows are cut the same way again: each window keeps its token on a replay.
        assertThat(Insert.byDays("t", records, x -> x, this::write)).extracting(Insert::window, Insert::records)
                .isEqualTo(inserts.stream().map(i -> org.assertj.core.groups.Tuple.tuple(i.window(), i.records()))
                        .toList());
    }

    @Test
    void makesNoInsertForATableWithoutRows() {
        assertThat(Insert.byDays("t", List.of(List.<Long>of(), List.<Long>of()), x -> x, this::write)).isEmpty();
    }

    private void write(List<List<Long>> rows, String token) {
        List<Long> all = new ArrayList<>();
        rows.forEach(all::addAll);
        written.put(token, all);
    }

    private static long at(long day) {
        return day * DAY + 12 * 3_600_000_000_000L;
    }
}
