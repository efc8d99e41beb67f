package dev.vigil.ingest.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PartitionDaysTest {
    private static final long DAY = 86_400_000_000_000L;

    @Test
    void putsRowsOfUpToFiftyDaysIntoOneWindow() {
        long[] days = LongStream.range(20_000, 20_050).flatMap(d -> LongStream.of(d, d, d)).toArray();
        assertThat(PartitionDays.windows(days, PartitionDays.MAX_DAYS))
                .containsExactly(new PartitionDays.Window(20_000, 20_049));
    }

    @Test
    void cutsMoreDaysIntoWindowsOfAtMostFiftyDistinctDaysInOrder() {
        // 120 distinct days in no order, some repeated, with gaps between them.
        long[] days = LongStream.range(0, 120).map(i -> 30_000 + (i * 37) % 120 * 2).flatMap(d -> LongStream.of(d, d))
                .toArray();
        List<PartitionDays.Window> windows = PartitionDays.windows(days, PartitionDays.MAX_DAYS);
        assertThat(windows).containsExactly(new PartitionDays.Window(30_000, 30_098),
                new PartitionDays.Window(30_100, 30_198), new PartitionDays.Window(30_200, 30_238));
        // The same days in another order give the same windows, so a batch read again keeps its tokens.
        assertThat(PartitionDays.windows(LongStream.of(days).map(d -> -d).sorted().map(d -> -d).toArray(),
                PartitionDays.MAX_DAYS)).isEqualTo(windows);
    }

    @Test
    void findsTheUtcDayOfATimeAlsoBeforeTheEpoch() {
        assertThat(PartitionDays.day(0)).isZero();
        assertThat(PartitionDays.day(DAY - 1)).isZero();
        assertThat(PartitionDays.day(DAY)).isEqualTo(1);
        assertThat(PartitionDays.day(-1)).isEqualTo(-1);
        assertThat(new PartitionDays.Window(3, 4).containsTime(4 * DAY + 5)).isTrue();
        assertThat(new PartitionDays.Window(3, 4).containsTime(5 * DAY)).isFalse();
    }

    @Test
    void hasNoWindowWithoutRows() {
        assertThat(PartitionDays.windows(new long[0], PartitionDays.MAX_DAYS)).isEmpty();
    }
}
