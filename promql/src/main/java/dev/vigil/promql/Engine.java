package dev.vigil.promql;

import dev.vigil.promql.Expr.Aggregation;
import dev.vigil.promql.Expr.At;
import dev.vigil.promql.Expr.Binary;
import dev.vigil.promql.Expr.Call;
import dev.vigil.promql.Expr.MatrixSelector;
import dev.vigil.promql.Expr.NumberLiteral;
import dev.vigil.promql.Expr.Paren;
import dev.vigil.promql.Expr.StringLiteral;
import dev.vigil.promql.Expr.Subquery;
import dev.vigil.promql.Expr.Unary;
import dev.vigil.promql.Expr.VectorSelector;
import dev.vigil.promql.Value.Matrix;
import dev.vigil.promql.Value.Sample;
import dev.vigil.promql.Value.Scalar;
import dev.vigil.promql.Value.Text;
import dev.vigil.promql.Value.Vector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates PromQL as Prometheus does, step by step: every selector's samples are read once for the whole query
 * (widened by ranges, offsets, {@code @} and the lookback), then each step sees the latest sample of a series within
 * the lookback ({@value #DEFAULT_LOOKBACK_MS} ms by default) unless a stale marker ended it.
 */
public final class Engine {
    public static final long DEFAULT_LOOKBACK_MS = 5 * 60 * 1000;
    /** The step of a subquery that names none, and of an instant query's subqueries: Prometheus's default evaluation interval. */
    static final long DEFAULT_SUBQUERY_STEP_MS = 60_000;

    private final SampleSource source;
    private final Limits limits;

    /** How much one query may read and how long it may run. */
    public record Limits(long maxSamples, Duration timeout, long lookbackMs) {
        public static Limits defaults() {
            return new Limits(50_000_000, Duration.ofMinutes(2), DEFAULT_LOOKBACK_MS);
        }
    }

    /** One series of a range query's answer: its value at each step where it has one ({@code present}). */
    public record RangeRow(double[] values, java.util.BitSet present) {
    }

    public Engine(SampleSource source, Limits limits) {
        this.source = source;
        this.limits = limits;
    }

    public Value instant(Expr expr, long timeMs) {
        Evaluation ev = new Evaluation(timeMs, timeMs, DEFAULT_SUBQUERY_STEP_MS);
        ev.load(expr);
        return ev.eval(expr, timeMs);
    }

    /** Evaluates at start, start + step, … end; the expression must give a scalar or an instant vector. */
    public Map<Labels, RangeRow> range(Expr expr, long startMs, long endMs, long stepMs) {
        Expr.Type type = Parser.typeOf(expr);
        if (type != Expr.Type.SCALAR && type != Expr.Type.VECTOR) {
            throw new QueryException("bad_data", "invalid expression type \"" + type + "\" for range query, must be Scalar or instant Vector");
        }
        Evaluation ev = new Evaluation(startMs, endMs, stepMs);
        ev.load(expr);
        int steps = (int) ((endMs - startMs) / stepMs) + 1;
        Map<Labels, RangeRow> out = new LinkedHashMap<>();
        for (int i = 0; i < steps; i++) {
            long t = startMs + i * stepMs;
            ev.checkDeadline();
            Value v = ev.eval(expr, t);
            List<Sample> samples = v instanceof Scalar s ? List.of(new Sample(Labels.EMPTY, s.value())) : ((Vector) v).samples();
            for (Sample s : samples) {
                RangeRow row = out.computeIfAbsent(s.labels(), k -> new RangeRow(new double[steps], new java.util.BitSet(steps)));
                if (row.present().get(i)) {
                    throw new QueryException("execution", "vector cannot contain metrics with the same labelset");
                }
                row.values()[i] = s.value();
                row.present().set(i);
            }
            ev.addPoints(samples.size());
        }
        return out;
    }

    /** One query's state: the samples read for each selector, the clock, and what has been counted against the limits. */
    final class Evaluation {
        final long start;
        final long end;
        final long step;
        private final long deadline;
        private final Map<VectorSelector, long[]> windows = new HashMap<>();
        private final Map<VectorSelector, List<Series>> loaded = new HashMap<>();
        private long samples;
        private long points;

        Evaluation(long start, long end, long step) {
            this.start = start;
            this.end = end;
            this.step = step;
            this.deadline = System.nanoTime() + limits.timeout().toNanos();
        }

        void checkDeadline() {
            if (System.nanoTime() > deadline) {
                throw new QueryException("timeout", "query timed out in expression evaluation");
            }
        }

        void addPoints(long n) {
            points += n;
            if (points > limits.maxSamples()) {
                throw tooManySamples();
            }
        }

        private QueryException tooManySamples() {
            return new QueryException("execution", "query processing would load too many samples into memory in query execution");
        }

        /** Reads, once, the samples every selector needs over the whole query. */
        void load(Expr expr) {
            plan(expr, start, end);
            for (Map.Entry<VectorSelector, long[]> w : windows.entrySet()) {
                List<Series> series = source.select(w.getKey().matchers(), w.getValue()[0], w.getValue()[1]);
                for (Series s : series) {
                    samples += s.size();
                }
                if (samples > limits.maxSamples()) {
                    throw tooManySamples();
                }
                loaded.put(w.getKey(), series);
                checkDeadline();
            }
        }

        private void plan(Expr e, long from, long to) {
            switch (e) {
                case VectorSelector v -> widen(v, from, to, limits.lookbackMs());
                case MatrixSelector m -> widen(m.selector(), from, to, m.range().toMillis());
                case Subquery s -> {
                    long f = atTime(s.at(), from) - s.offset().toMillis();
                    long t = atTime(s.at(), to) - s.offset().toMillis();
                    plan(s.expr(), f - s.range().toMillis(), t);
                }
                case Call c -> c.args().forEach(a -> plan(a, from, to));
                case Aggregation a -> {
                    if (a.param() != null) {
                        plan(a.param(), from, to);
                    }
                    plan(a.expr(), from, to);
                }
                case Binary b -> {
                    plan(b.lhs(), from, to);
                    plan(b.rhs(), from, to);
                }
                case Unary u -> plan(u.expr(), from, to);
                case Paren p -> plan(p.expr(), from, to);
                case NumberLiteral n -> { }
                case StringLiteral s -> { }
            }
        }

        private void widen(VectorSelector v, long from, long to, long back) {
            long f = atTime(v.at(), from) - v.offset().toMillis() - back;
            long t = atTime(v.at(), to) - v.offset().toMillis();
            windows.merge(v, new long[] {f, t}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }

        /** The time a selector is read at: the step's, or the one its {@code @} fixes. */
        long atTime(At at, long t) {
            if (at == null) {
                return t;
            }
            return switch (at.kind()) {
                case START -> start;
                case END -> end;
                case TIME -> Math.round(at.seconds() * 1000);
            };
        }

        Value eval(Expr e, long t) {
            return switch (e) {
                case NumberLiteral n -> new Scalar(n.value());
                case StringLiteral s -> new Text(s.value());
                case Paren p -> eval(p.expr(), t);
                case Unary u -> negate(eval(u.expr(), t));
                case VectorSelector v -> vector(v, t);
                case MatrixSelector m -> matrix(m, t);
                case Subquery s -> subquery(s, t);
                case Call c -> Functions.call(this, c, t);
                case Aggregation a -> Aggregations.aggregate(this, a, t);
                case Binary b -> BinaryOperations.apply(b, eval(b.lhs(), t), eval(b.rhs(), t));
            };
        }

        private Value negate(Value v) {
            if (v instanceof Scalar s) {
                return new Scalar(-s.value());
            }
            List<Sample> out = new ArrayList<>();
            for (Sample s : ((Vector) v).samples()) {
                out.add(new Sample(s.labels().withoutName(), -s.value()));
            }
            return new Vector(out);
        }

        Vector vector(VectorSelector v, long t) {
            long ts = atTime(v.at(), t) - v.offset().toMillis();
            List<Sample> out = new ArrayList<>();
            for (Series s : loaded.getOrDefault(v, List.of())) {
                int i = latest(s, ts);
                if (i >= 0) {
                    out.add(new Sample(s.labels(), s.values()[i]));
                }
            }
            return new Vector(out);
        }

        /** The time of each series' sample that {@link #vector} picks: what {@code timestamp()} of a selector answers. */
        Map<Labels, Long> sampleTimes(VectorSelector v, long t) {
            long ts = atTime(v.at(), t) - v.offset().toMillis();
            Map<Labels, Long> out = new HashMap<>();
            for (Series s : loaded.getOrDefault(v, List.of())) {
                int i = latest(s, ts);
                if (i >= 0) {
                    out.put(s.labels(), s.times()[i]);
                }
            }
            return out;
        }

        /** The index of the series' latest sample at {@code ts} within the lookback, or -1 (none, or a stale marker). */
        private int latest(Series s, long ts) {
            int i = s.after(ts) - 1;
            return i >= 0 && s.times()[i] > ts - limits.lookbackMs() && !Series.isStale(s.values()[i]) ? i : -1;
        }

        /** Samples in (t - range, t], stale markers left out, as Prometheus 3 reads a range. */
        Matrix matrix(MatrixSelector m, long t) {
            VectorSelector v = m.selector();
            long ts = atTime(v.at(), t) - v.offset().toMillis();
            long from = ts - m.range().toMillis();
            List<Series> out = new ArrayList<>();
            for (Series s : loaded.getOrDefault(v, List.of())) {
                int a = s.after(from);
                int b = s.after(ts);
                int n = 0;
                long[] times = new long[b - a];
                double[] values = new double[b - a];
                for (int i = a; i < b; i++) {
                    if (!Series.isStale(s.values()[i])) {
                        times[n] = s.times()[i];
                        values[n++] = s.values()[i];
                    }
                }
                if (n > 0) {
                    out.add(new Series(s.labels(), java.util.Arrays.copyOf(times, n), java.util.Arrays.copyOf(values, n)));
                }
            }
            return new Matrix(out);
        }

        /** The inner expression at every multiple of the step inside (t - range, t]. */
        Matrix subquery(Subquery s, long t) {
            long ts = atTime(s.at(), t) - s.offset().toMillis();
            long stepMs = s.step() == null ? step : s.step().toMillis();
            long from = ts - s.range().toMillis();
            long first = Math.floorDiv(from, stepMs) * stepMs;
            if (first <= from) {
                first += stepMs;
            }
            Map<Labels, List<long[]>> times = new LinkedHashMap<>();
            Map<Labels, List<Double>> values = new HashMap<>();
            for (long at = first; at <= ts; at += stepMs) {
                checkDeadline();
                Value v = eval(s.expr(), at);
                for (Sample sample : ((Vector) v).samples()) {
                    times.computeIfAbsent(sample.labels(), k -> new ArrayList<>()).add(new long[] {at});
                    values.computeIfAbsent(sample.labels(), k -> new ArrayList<>()).add(sample.value());
                }
            }
            List<Series> out = new ArrayList<>();
            for (Map.Entry<Labels, List<long[]>> e : times.entrySet()) {
                List<Double> vs = values.get(e.getKey());
                long[] ts2 = new long[vs.size()];
                double[] vs2 = new double[vs.size()];
                for (int i = 0; i < vs2.length; i++) {
                    ts2[i] = e.getValue().get(i)[0];
                    vs2[i] = vs.get(i);
                }
                out.add(new Series(e.getKey(), ts2, vs2));
            }
            addPoints(out.stream().mapToLong(Series::size).sum());
            return new Matrix(out);
        }
    }
}
