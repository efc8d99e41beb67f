package dev.vigil.promql;

import dev.vigil.promql.Value.Sample;
import dev.vigil.promql.Value.Vector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code histogram_quantile} over classic histograms: buckets by {@code le}, interpolated linearly within a bucket. */
final class HistogramQuantile {
    private HistogramQuantile() {
    }

    private record Bucket(double upperBound, double count) {
    }

    static Vector apply(double q, Vector v) {
        Map<Labels, List<Bucket>> series = new LinkedHashMap<>();
        for (Sample s : v.samples()) {
            String le = s.labels().get("le");
            double upper;
            try {
                upper = parseBound(le);
            } catch (NumberFormatException e) {
                continue;
            }
            series.computeIfAbsent(s.labels().without("le").withoutName(), k -> new ArrayList<>()).add(new Bucket(upper, s.value()));
        }
        List<Sample> out = new ArrayList<>();
        series.forEach((labels, buckets) -> out.add(new Sample(labels, quantile(q, buckets))));
        return new Vector(out);
    }

    private static double parseBound(String le) {
        return switch (le) {
            case "+Inf", "Inf", "+inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(le);
        };
    }

    static double quantile(double q, List<Bucket> input) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        List<Bucket> buckets = coalesce(input);
        if (buckets.isEmpty() || buckets.get(buckets.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        // Counts must not fall from one bucket to the next (they can, by float error or scrape races).
        for (int i = 1; i < buckets.size(); i++) {
            if (buckets.get(i).count() < buckets.get(i - 1).count()) {
                buckets.set(i, new Bucket(buckets.get(i).upperBound(), buckets.get(i - 1).count()));
            }
        }
        if (buckets.size() < 2) {
            return Double.NaN;
        }
        double observations = buckets.get(buckets.size() - 1).count();
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < buckets.size() - 1 && buckets.get(b).count() < rank) {
            b++;
        }
        if (b == buckets.size() - 1) {
            return buckets.get(buckets.size() - 2).upperBound();
        }
        if (b == 0 && buckets.get(0).upperBound() <= 0) {
            return buckets.get(0).upperBound();
        }
        double bucketStart = 0;
        double bucketEnd = buckets.get(b).upperBound();
        double count = buckets.get(b).count();
        if (b > 0) {
            bucketStart = buckets.get(b - 1).upperBound();
            count -= buckets.get(b - 1).count();
            rank -= buckets.get(b - 1).count();
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /** Sorted by bound, buckets with the same bound added together. */
    private static List<Bucket> coalesce(List<Bucket> input) {
        List<Bucket> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparingDouble(Bucket::upperBound));
        List<Bucket> out = new ArrayList<>();
        for (Bucket b : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).upperBound() == b.upperBound()) {
                Bucket last = out.remove(out.size() - 1);
                out.add(new Bucket(b.upperBound(), last.count() + b.count()));
            } else {
                out.add(b);
            }
        }
        return out;
    }
}
