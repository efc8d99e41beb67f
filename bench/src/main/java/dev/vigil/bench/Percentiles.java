package dev.vigil.bench;

import java.util.Arrays;

/** Exact percentiles of recorded durations (nearest rank); the benchmarks record few enough to keep them all. */
public final class Percentiles {
    private final long[] sorted;

    public Percentiles(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    public double millis(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    public int count() {
        return sorted.length;
    }
}
