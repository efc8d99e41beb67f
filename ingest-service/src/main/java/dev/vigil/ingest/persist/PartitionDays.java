package dev.vigil.ingest.persist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the rows of one insert into windows of daily partitions. Every Vigil table is partitioned by
 * day (or coarser), and ClickHouse refuses an insert whose rows fall into more than
 * {@code max_partitions_per_insert_block} (default 100) partitions with TOO_MANY_PARTS, an error that
 * passes when merges catch up and so is retried; a batch with spans over 101 days would be retried
 * forever, cut the same way again after every restart. Inserts of at most {@link #MAX_DAYS} days stay
 * below the limit with room to spare: the windows count days in UTC, and a server in another time zone
 * may see a window's rows on one more day.
 *
 * <p>The windows depend only on the days the rows fall on, so a batch read again is cut into the same
 * windows, and each window's deduplication token (see {@link Window#name()}) is the same as before.
 */
final class PartitionDays {
    static final int MAX_DAYS = 50;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private PartitionDays() {
    }

    /** The UTC day since the epoch that a time in nanoseconds since the epoch falls on. */
    static long day(long epochNanos) {
        return Math.floorDiv(epochNanos, NANOS_PER_DAY);
    }

    /**
     * Consecutive windows over the distinct days, in ascending order, each holding at most {@code maxDays}
     * of them; empty when there are no days.
     */
    static List<Window> windows(long[] days, int maxDays) {
        long[] distinct = Arrays.stream(days).sorted().distinct().toArray();
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < distinct.length; i += maxDays) {
            windows.add(new Window(distinct[i], distinct[Math.min(i + maxDays, distinct.length) - 1]));
        }
        return windows;
    }

    /** The days from {@code firstDay} to {@code lastDay}, both included. */
    record Window(long firstDay, long lastDay) {

        boolean containsTime(long epochNanos) {
            long day = day(epochNanos);
            return day >= firstDay && day <= lastDay;
        }

        /** What sets the window's deduplication token apart from its batch's other windows'. */
        String name() {
            return "days-" + firstDay + "-" + lastDay;
        }
    }
}
