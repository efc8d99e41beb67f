package dev.vigil.promql;

import dev.vigil.promql.Expr.Aggregation;
import dev.vigil.promql.Value.Sample;
import dev.vigil.promql.Value.Scalar;
import dev.vigil.promql.Value.Text;
import dev.vigil.promql.Value.Vector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The aggregation operators over one instant vector, grouped {@code by} or {@code without} labels. */
final class Aggregations {
    private Aggregations() {
    }

    static Value aggregate(Engine.Evaluation ev, Aggregation a, long t) {
        Vector input = (Vector) ev.eval(a.expr(), t);
        Value param = a.param() == null ? null : ev.eval(a.param(), t);
        Map<Labels, List<Sample>> groups = new LinkedHashMap<>();
        for (Sample s : input.samples()) {
            Labels key = a.without() ? s.labels().drop(a.grouping()) : s.labels().keep(a.grouping());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        List<Sample> out = new ArrayList<>();
        for (Map.Entry<Labels, List<Sample>> g : groups.entrySet()) {
            Labels key = g.getKey();
            List<Sample> members = g.getValue();
            switch (a.op()) {
                case SUM -> out.add(new Sample(key, sum(members)));
                case AVG -> out.add(new Sample(key, mean(members)));
                case COUNT -> out.add(new Sample(key, members.size()));
                case GROUP -> out.add(new Sample(key, 1));
                case MIN -> out.add(new Sample(key, extreme(members, true)));
                case MAX -> out.add(new Sample(key, extreme(members, false)));
                case STDVAR -> out.add(new Sample(key, variance(members)));
                case STDDEV -> out.add(new Sample(key, Math.sqrt(variance(members))));
                case QUANTILE -> out.add(new Sample(key, quantile(((Scalar) param).value(), values(members))));
                case TOPK, BOTTOMK -> out.addAll(top(members, ((Scalar) param).value(), a.op() == AggregationOp.TOPK));
                case LIMITK -> out.addAll(members.subList(0, (int) Math.max(0, Math.min(members.size(), ((Scalar) param).value()))));
                case LIMIT_RATIO -> out.addAll(limitRatio(members, ((Scalar) param).value()));
                case COUNT_VALUES -> out.addAll(countValues(key, members, ((Text) param).value()));
            }
        }
        return new Vector(out);
    }

    private static double sum(List<Sample> members) {
        return KahanSum.of(values(members));
    }

    private static double mean(List<Sample> members) {
        return sum(members) / members.size();
    }

    /** min/max ignore NaN unless every value is NaN, as Prometheus's do. */
    private static double extreme(List<Sample> members, boolean min) {
        double result = Double.NaN;
        for (Sample s : members) {
            double v = s.value();
            if (Double.isNaN(result) || (min ? v < result : v > result)) {
                result = v;
            }
        }
        return result;
    }

    /** Population variance. */
    static double variance(List<Sample> members) {
        return varianceOf(values(members));
    }

    static double varianceOf(double[] values) {
        double mean = 0;
        double m2 = 0;
        int n = 0;
        for (double v : values) {
            n++;
            double delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
        }
        return m2 / n;
    }

    static double[] values(List<Sample> members) {
        return members.stream().mapToDouble(Sample::value).toArray();
    }

    /** Prometheus's quantile: linear interpolation between the closest ranks; −Inf below 0, +Inf above 1. */
    static double quantile(double q, double[] values) {
        if (values.length == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double n = sorted.length;
        double rank = q * (n - 1);
        int lower = (int) Math.max(0, Math.floor(rank));
        int upper = (int) Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return sorted[lower] * (1 - weight) + sorted[upper] * weight;
    }

    private static List<Sample> top(List<Sample> members, double kValue, boolean highest) {
        long k = (long) kValue;
        if (k < 1) {
            return List.of();
        }
        return members.stream().sorted(byValue(highest)).limit(k).toList();
    }

    private static List<Sample> limitRatio(List<Sample> members, double ratio) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : members) {
            // A stable per-series position in [0, 1): the same series stay in or out from step to step.
            double position = (s.labels().toString().hashCode() & 0x7fffffff) / (double) Integer.MAX_VALUE;
            if (ratio >= 0 ? position < ratio : position >= 1 + ratio) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Sample> countValues(Labels key, List<Sample> members, String label) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Sample s : members) {
            counts.merge(FloatText.format(s.value()), 1, Integer::sum);
        }
        List<Sample> out = new ArrayList<>();
        counts.forEach((value, count) -> out.add(new Sample(key.with(label, value), count)));
        return out;
    }

    /** Samples by value, NaN last whichever the direction, as Prometheus orders them (topk, bottomk, sort). */
    static Comparator<Sample> byValue(boolean descending) {
        return (x, y) -> {
            if (Double.isNaN(x.value())) {
                return Double.isNaN(y.value()) ? 0 : 1;
            }
            if (Double.isNaN(y.value())) {
                return -1;
            }
            return descending ? Double.compare(y.value(), x.value()) : Double.compare(x.value(), y.value());
        };
    }

    /** Kahan–Babuška summation, which Prometheus uses for sum and avg. */
    static final class KahanSum {
        static double of(double[] values) {
            KahanSum sum = new KahanSum();
            for (double v : values) {
                sum.add(v);
            }
            return sum.value();
        }

        private double sum;
        private double c;

        void add(double v) {
            double t = sum + v;
            if (Math.abs(sum) >= Math.abs(v)) {
                c += (sum - t) + v;
            } else {
                c += (v - t) + sum;
            }
            sum = t;
        }

        double value() {
            double total = sum + c;
            return Double.isInfinite(sum) ? sum : total;
        }
    }
}
