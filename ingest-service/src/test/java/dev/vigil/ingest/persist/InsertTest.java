package dev.vigil.ingest.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.clickhouse.EncodedRows;
import dev.vigil.ingest.clickhouse.RowsEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        List<EncodedRows> records = List.of(rows(at(D0), at(D0 + 1)), rows(at(D0 + 49)));
        List<Insert> inserts = Insert.byDays("t", records, this::write);

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
        EncodedRows long0 = rows(LongStream.range(0, 102).map(d -> at(D0 + d)).toArray());
        List<EncodedRows> records = List.of(long0, rows(at(D0)), rows(at(D0 + 101)));
        List<Insert> inserts = Insert.byDays("t", records, this::write);

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
        assertThat(Insert.byDays("t", records, this::write)).extracting(Insert::window, Insert::records)
                .isEqualTo(inserts.stream().map(i -> org.assertj.core.groups.Tuple.tuple(i.window(), i.records()))
                        .toList());
    }

    @Test
    void makesNoInsertForATableWithoutRows() {
        assertThat(Insert.byDays("t", List.of(EncodedRows.EMPTY, EncodedRows.EMPTY), this::write)).isEmpty();
    }

    /** Keeps the rows as their timestamps, read back from the bytes, which are each row's timestamp. */
    private void write(List<EncodedRows> rows, String token) {
        List<Long> all = new ArrayList<>();
        for (EncodedRows r : rows) {
            ByteBuffer bytes = ByteBuffer.wrap(r.rowBinary()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < r.rows(); i++) {
                all.add(bytes.getLong());
            }
            assertThat(bytes.hasRemaining()).isFalse();
        }
        written.put(token, all);
    }

    /** Rows that hold their own timestamp. */
    private static EncodedRows rows(long... times) {
        RowsEncoder encoder = new RowsEncoder(8);
        for (long t : times) {
            encoder.buffer().int64(t);
            encoder.endRow(t);
        }
        return encoder.encoded();
    }

    private static long at(long day) {
        return day * DAY + 12 * 3_600_000_000_000L;
    }
}
