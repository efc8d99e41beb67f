package dev.vigil.promql;

import java.util.Arrays;

/**
 * A series' samples in time order: timestamps in milliseconds and their values. A stale marker (the NaN Prometheus
 * writes when a series disappears) ends the series until its next sample.
 */
public record Series(Labels labels, long[] times, double[] values) {
    /** The exact NaN Prometheus uses as its staleness marker. */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    public static boolean isStale(double v) {
        return Double.doubleToRawLongBits(v) == STALE_NAN_BITS;
    }

    public int size() {
        return times.length;
    }

    /** Index of the first sample with time &gt; {@code t} (binary search). */
    int after(long t) {
        int i = Arrays.binarySearch(times, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i < times.length && times[i] <= t) {
            i++;
        }
        return i;
    }
}
