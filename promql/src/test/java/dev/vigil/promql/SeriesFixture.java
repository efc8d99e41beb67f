package dev.vigil.promql;

import dev.vigil.promql.Expr.LabelMatcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Series held in memory for the engine's tests, written like Prometheus's test files: a start, an interval, values. */
final class SeriesFixture implements SampleSource {
    private final List<Series> all = new ArrayList<>();

    /** {@code values} at {@code start}, {@code start + every}, …; null leaves a gap. */
    SeriesFixture add(Labels labels, long startMs, long everyMs, Double... values) {
        long[] t = new long[values.length];
        double[] v = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                t[n] = startMs + i * everyMs;
                v[n++] = values[i];
            }
        }
        all.add(new Series(labels, Arrays.copyOf(t, n), Arrays.copyOf(v, n)));
        return this;
    }

    @Override
    public List<Series> select(List<LabelMatcher> matchers, long minT, long maxT) {
        List<Series> out = new ArrayList<>();
        for (Series s : all) {
            if (matchers.stream().allMatch(m -> m.matches(s.labels().get(m.name())))) {
                out.add(s);
            }
        }
        return out;
    }
}
