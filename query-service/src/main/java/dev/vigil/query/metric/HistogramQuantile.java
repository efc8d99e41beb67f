package dev.vigil.query.metric;

/**
 * A quantile from explicit-bucket counts, as Prometheus' {@code histogram_quantile} estimates it: the bucket that
 * holds the rank, and linear interpolation inside it (the first bucket starts at 0; a rank in the overflow bucket
 * answers the last bound). The error is at most the width of that bucket.
 */
final class HistogramQuantile {

    private HistogramQuantile() {
    }

    /** {@code counts} has one more element than {@code bounds} (the overflow bucket); NaN without samples. */
    static double of(double level, long[] counts, double[] bounds) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0 || counts.length != bounds.length + 1) {
            return Double.NaN;
        }
        double rank = level * total;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && below + counts[i] >= rank) {
                if (i == bounds.length) {
                    return bounds.length == 0 ? Double.NaN : bounds[bounds.length - 1];
                }
                double lower = i == 0 ? Math.min(0, bounds[0]) : bounds[i - 1];
                double upper = bounds[i];
                return lower + (upper - lower) * (rank - below) / counts[i];
            }
            below += counts[i];
        }
        return bounds.length == 0 ? Double.NaN : bounds[bounds.length - 1];
    }
}
