package dev.vigil.promql;

import dev.vigil.promql.Value.Scalar;

import java.util.List;

/** Functions of one series' samples inside a range: rates with Prometheus's extrapolation, the *_over_time family, … */
final class RangeFunctions {
    private RangeFunctions() {
    }

    /** The function's value for the series, or null when the series gives none (too few samples). */
    static Double apply(String name, Series s, Functions.Window w, List<Value> args) {
        long[] t = s.times();
        double[] v = s.values();
        int n = v.length;
        return switch (name) {
            case "rate" -> extrapolated(s, w, true, true);
            case "increase" -> extrapolated(s, w, true, false);
            case "delta" -> extrapolated(s, w, false, false);
            case "irate" -> n < 2 ? null : instant(t, v, true);
            case "idelta" -> n < 2 ? null : instant(t, v, false);
            case "deriv" -> n < 2 ? null : regression(t, v, t[0])[0];
            case "predict_linear" -> {
                if (n < 2) {
                    yield null;
                }
                double[] slopeIntercept = regression(t, v, w.end());
                yield slopeIntercept[1] + slopeIntercept[0] * ((Scalar) args.get(1)).value();
            }
            case "changes" -> {
                int changes = 0;
                for (int i = 1; i < n; i++) {
                    if (!(v[i] == v[i - 1] || Double.isNaN(v[i]) && Double.isNaN(v[i - 1]))) {
                        changes++;
                    }
                }
                yield (double) changes;
            }
            case "resets" -> {
                int resets = 0;
                for (int i = 1; i < n; i++) {
                    if (v[i] < v[i - 1]) {
                        resets++;
                    }
                }
                yield (double) resets;
            }
            case "avg_over_time" -> Aggregations.KahanSum.of(v) / n;
            case "sum_over_time" -> Aggregations.KahanSum.of(v);
            case "min_over_time", "max_over_time" -> {
                boolean min = name.startsWith("min");
                double r = v[0];
                for (double x : v) {
                    if (min ? x < r || Double.isNaN(r) : x > r || Double.isNaN(r)) {
                        r = x;
                    }
                }
                yield r;
            }
            case "count_over_time" -> (double) n;
            case "last_over_time" -> v[n - 1];
            case "present_over_time" -> 1.0;
            case "absent_over_time" -> null;
            case "stdvar_over_time" -> Aggregations.varianceOf(v);
            case "stddev_over_time" -> Math.sqrt(Aggregations.varianceOf(v));
            case "quantile_over_time" -> Aggregations.quantile(((Scalar) args.get(0)).value(), v);
            case "mad_over_time" -> {
                double median = Aggregations.quantile(0.5, v);
                double[] deviations = new double[n];
                for (int i = 0; i < n; i++) {
                    deviations[i] = Math.abs(v[i] - median);
                }
                yield Aggregations.quantile(0.5, deviations);
            }
            default -> throw new QueryException("execution", "function \"" + name + "\" is not supported");
        };
    }

    /**
     * rate, increase and delta: the change between the first and last sample (counter resets added back), extrapolated
     * towards the range's edges by at most half an average sample interval, and for counters not below zero.
     */
    private static Double extrapolated(Series s, Functions.Window w, boolean counter, boolean perSecond) {
        long[] t = s.times();
        double[] v = s.values();
        int n = v.length;
        if (n < 2) {
            return null;
        }
        double result = v[n - 1] - v[0];
        if (counter) {
            for (int i = 1; i < n; i++) {
                if (v[i] < v[i - 1]) {
                    result += v[i - 1];
                }
            }
        }
        double durationToStart = (t[0] - w.start()) / 1000.0;
        double durationToEnd = (w.end() - t[n - 1]) / 1000.0;
        double sampledInterval = (t[n - 1] - t[0]) / 1000.0;
        double averageBetweenSamples = sampledInterval / (n - 1);
        double threshold = averageBetweenSamples * 1.1;
        double extrapolateTo = sampledInterval;
        if (durationToStart >= threshold) {
            durationToStart = averageBetweenSamples / 2;
        }
        if (counter && result > 0 && v[0] >= 0) {
            double durationToZero = sampledInterval * (v[0] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        extrapolateTo += durationToStart;
        if (durationToEnd >= threshold) {
            durationToEnd = averageBetweenSamples / 2;
        }
        extrapolateTo += durationToEnd;
        double factor = extrapolateTo / sampledInterval;
        if (perSecond) {
            factor /= w.range() / 1000.0;
        }
        return result * factor;
    }

    /** irate and idelta: the last two samples only. */
    private static double instant(long[] t, double[] v, boolean rate) {
        int n = v.length;
        double last = v[n - 1];
        double previous = v[n - 2];
        double result = rate && last < previous ? last : last - previous;
        if (!rate) {
            return result;
        }
        double seconds = (t[n - 1] - t[n - 2]) / 1000.0;
        return seconds == 0 ? Double.NaN : result / seconds;
    }

    /** Least-squares slope (per second) and intercept at {@code interceptTime}, as Prometheus's linearRegression. */
    private static double[] regression(long[] t, double[] v, long interceptTime) {
        int n = v.length;
        boolean constantY = true;
        for (int i = 1; i < n; i++) {
            if (v[i] != v[0]) {
                constantY = false;
                break;
            }
        }
        if (constantY) {
            return new double[] {0, v[0]};
        }
        Aggregations.KahanSum sumX = new Aggregations.KahanSum();
        Aggregations.KahanSum sumY = new Aggregations.KahanSum();
        Aggregations.KahanSum sumXY = new Aggregations.KahanSum();
        Aggregations.KahanSum sumX2 = new Aggregations.KahanSum();
        for (int i = 0; i < n; i++) {
            double x = (t[i] - interceptTime) / 1000.0;
            sumX.add(x);
            sumY.add(v[i]);
            sumXY.add(x * v[i]);
            sumX2.add(x * x);
        }
        double covXY = sumXY.value() - sumX.value() * sumY.value() / n;
        double varX = sumX2.value() - sumX.value() * sumX.value() / n;
        double slope = covXY / varX;
        double intercept = sumY.value() / n - slope * sumX.value() / n;
        return new double[] {slope, intercept};
    }
}
