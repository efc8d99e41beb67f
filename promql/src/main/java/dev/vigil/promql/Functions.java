package dev.vigil.promql;

import dev.vigil.promql.Expr.Call;
import dev.vigil.promql.Expr.LabelMatcher;
import dev.vigil.promql.Expr.MatchType;
import dev.vigil.promql.Expr.MatrixSelector;
import dev.vigil.promql.Expr.Paren;
import dev.vigil.promql.Expr.Subquery;
import dev.vigil.promql.Expr.VectorSelector;
import dev.vigil.promql.Value.Matrix;
import dev.vigil.promql.Value.Sample;
import dev.vigil.promql.Value.Scalar;
import dev.vigil.promql.Value.Text;
import dev.vigil.promql.Value.Vector;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PromQL's functions, each as Prometheus computes it (extrapolated rates, counter resets, bucket quantiles, …). */
final class Functions {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Functions whose results keep the metric name; every other drops it. */
    private static final Set<String> KEEP_NAME = Set.of("last_over_time", "sort", "sort_desc", "sort_by_label",
            "sort_by_label_desc", "label_replace", "label_join");

    private Functions() {
    }

    static Value call(Engine.Evaluation ev, Call c, long t) {
        String name = c.function().name();
        switch (name) {
            case "time":
                return new Scalar(t / 1000.0);
            case "pi":
                return new Scalar(Math.PI);
            case "timestamp":
                return timestamp(ev, c, t);
            case "absent":
                return ((Vector) ev.eval(c.args().get(0), t)).samples().isEmpty() ? absentLabels(c.args().get(0)) : new Vector(List.of());
            case "absent_over_time":
                return ((Matrix) ev.eval(c.args().get(0), t)).series().isEmpty() ? absentLabels(c.args().get(0)) : new Vector(List.of());
            default:
                break;
        }
        List<Value> args = new ArrayList<>();
        for (Expr a : c.args()) {
            args.add(ev.eval(a, t));
        }
        if (c.function().args().size() > 0 && c.function().argType(0) == Expr.Type.MATRIX
                || name.equals("quantile_over_time")) {
            int m = name.equals("quantile_over_time") ? 1 : 0;
            Window w = window(ev, c.args().get(m), t);
            return overTime(name, (Matrix) args.get(m), w, args);
        }
        return switch (name) {
            case "scalar" -> {
                List<Sample> s = ((Vector) args.get(0)).samples();
                yield new Scalar(s.size() == 1 ? s.get(0).value() : Double.NaN);
            }
            case "vector" -> new Vector(List.of(new Sample(Labels.EMPTY, ((Scalar) args.get(0)).value())));
            case "clamp" -> clamp(vector(args, 0), scalar(args, 1), scalar(args, 2));
            case "clamp_min" -> map(vector(args, 0), v -> Double.isNaN(v) ? v : Math.max(v, scalar(args, 1)));
            case "clamp_max" -> map(vector(args, 0), v -> Double.isNaN(v) ? v : Math.min(v, scalar(args, 1)));
            case "round" -> {
                double inverse = 1 / (args.size() > 1 ? scalar(args, 1) : 1);
                yield map(vector(args, 0), v -> Math.floor(v * inverse + 0.5) / inverse);
            }
            case "histogram_quantile" -> HistogramQuantile.apply(scalar(args, 0), vector(args, 1));
            case "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev", "histogram_stdvar", "histogram_fraction" ->
                    // Native histograms only: float samples are passed over, as Prometheus passes them over.
                    new Vector(List.of());
            case "label_replace" -> labelReplace(vector(args, 0), text(args, 1), text(args, 2), text(args, 3), text(args, 4));
            case "label_join" -> labelJoin(vector(args, 0), text(args, 1), text(args, 2), args.subList(3, args.size()));
            case "sort", "sort_desc" -> sort(vector(args, 0), name.equals("sort_desc"));
            case "sort_by_label", "sort_by_label_desc" -> sortByLabel(vector(args, 0), args.subList(1, args.size()), name.endsWith("_desc"));
            case "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year" ->
                    time(name, args.isEmpty() ? new Vector(List.of(new Sample(Labels.EMPTY, t / 1000.0))) : vector(args, 0));
            default -> map(vector(args, 0), math(name));
        };
    }

    private static Vector vector(List<Value> args, int i) {
        return (Vector) args.get(i);
    }

    private static double scalar(List<Value> args, int i) {
        return ((Scalar) args.get(i)).value();
    }

    private static String text(List<Value> args, int i) {
        return ((Text) args.get(i)).value();
    }

    private static Vector map(Vector v, DoubleUnaryOperator f) {
        List<Sample> out = new ArrayList<>(v.samples().size());
        for (Sample s : v.samples()) {
            out.add(new Sample(s.labels().withoutName(), f.applyAsDouble(s.value())));
        }
        return new Vector(out);
    }

    private static DoubleUnaryOperator math(String name) {
        return switch (name) {
            case "abs" -> Math::abs;
            case "ceil" -> Math::ceil;
            case "floor" -> Math::floor;
            case "exp" -> Math::exp;
            case "sqrt" -> Math::sqrt;
            case "ln" -> Math::log;
            case "log2" -> v -> Math.log(v) / Math.log(2);
            case "log10" -> Math::log10;
            case "sgn" -> v -> Double.isNaN(v) ? v : Math.signum(v);
            case "sin" -> Math::sin;
            case "cos" -> Math::cos;
            case "tan" -> Math::tan;
            case "asin" -> Math::asin;
            case "acos" -> Math::acos;
            case "atan" -> Math::atan;
            case "sinh" -> Math::sinh;
            case "cosh" -> Math::cosh;
            case "tanh" -> Math::tanh;
            case "asinh" -> v -> Double.isInfinite(v) ? v : Math.log(v + Math.sqrt(v * v + 1));
            case "acosh" -> v -> Math.log(v + Math.sqrt(v * v - 1));
            case "atanh" -> v -> 0.5 * Math.log((1 + v) / (1 - v));
            case "deg" -> Math::toDegrees;
            case "rad" -> Math::toRadians;
            default -> throw new QueryException("execution", "function \"" + name + "\" is not supported");
        };
    }

    private static Vector clamp(Vector v, double min, double max) {
        if (max < min) {
            return new Vector(List.of());
        }
        return map(v, x -> Double.isNaN(x) ? x : Math.max(min, Math.min(max, x)));
    }

    private static Vector time(String name, Vector v) {
        return map(v, seconds -> {
            if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                return Double.NaN;
            }
            ZonedDateTime d = Instant.ofEpochSecond((long) seconds).atZone(ZoneOffset.UTC);
            return switch (name) {
                case "day_of_month" -> d.getDayOfMonth();
                case "day_of_week" -> d.getDayOfWeek().getValue() % 7;
                case "day_of_year" -> d.getDayOfYear();
                case "days_in_month" -> YearMonth.from(d).lengthOfMonth();
                case "hour" -> d.getHour();
                case "minute" -> d.getMinute();
                case "month" -> d.getMonthValue();
                case "year" -> d.getYear();
                default -> throw new IllegalArgumentException(name);
            };
        });
    }

    private static Vector sort(Vector v, boolean descending) {
        return new Vector(v.samples().stream().sorted(Aggregations.byValue(descending)).toList());
    }

    private static Vector sortByLabel(Vector v, List<Value> labels, boolean descending) {
        Comparator<Sample> order = (a, b) -> 0;
        for (Value l : labels) {
            String name = ((Text) l).value();
            order = order.thenComparing(s -> s.labels().get(name));
        }
        order = order.thenComparing(Sample::labels);
        return new Vector(v.samples().stream().sorted(descending ? order.reversed() : order).toList());
    }

    private static Vector labelReplace(Vector v, String dst, String replacement, String src, String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new QueryException("execution", "invalid regular expression in label_replace(): " + regex);
        }
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw new QueryException("execution", "invalid destination label name in label_replace(): " + dst);
        }
        List<Sample> out = new ArrayList<>();
        for (Sample s : v.samples()) {
            Matcher m = pattern.matcher(s.labels().get(src));
            Labels labels = s.labels();
            if (m.matches()) {
                String value = expand(replacement, m);
                labels = value.isEmpty() ? labels.without(dst) : labels.with(dst, value);
            }
            out.add(new Sample(labels, s.value()));
        }
        return unique(new Vector(out));
    }

    /** Go's regexp Expand: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}; an unknown group is empty. */
    static String expand(String template, Matcher m) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i++;
                continue;
            }
            String name;
            int end;
            if (template.charAt(i + 1) == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(c);
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close;
            } else {
                int j = i + 1;
                while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
                    j++;
                }
                if (j == i + 1) {
                    out.append(c);
                    continue;
                }
                name = template.substring(i + 1, j);
                end = j - 1;
            }
            out.append(group(m, name));
            i = end;
        }
        return out.toString();
    }

    private static String group(Matcher m, String name) {
        try {
            String g = name.chars().allMatch(Character::isDigit) ? (Integer.parseInt(name) <= m.groupCount() ? m.group(Integer.parseInt(name)) : null) : m.group(name);
            return g == null ? "" : g;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Vector labelJoin(Vector v, String dst, String separator, List<Value> sources) {
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw new QueryException("execution", "invalid destination label name in label_join(): " + dst);
        }
        List<Sample> out = new ArrayList<>();
        for (Sample s : v.samples()) {
            List<String> parts = new ArrayList<>();
            for (Value src : sources) {
                parts.add(s.labels().get(((Text) src).value()));
            }
            String joined = String.join(separator, parts);
            out.add(new Sample(joined.isEmpty() ? s.labels().without(dst) : s.labels().with(dst, joined), s.value()));
        }
        return unique(new Vector(out));
    }

    private static Vector unique(Vector v) {
        Set<Labels> seen = new HashSet<>();
        for (Sample s : v.samples()) {
            if (!seen.add(s.labels())) {
                throw new QueryException("execution", "vector cannot contain metrics with the same labelset");
            }
        }
        return v;
    }

    private static Vector absentLabels(Expr arg) {
        Expr inner = arg;
        while (inner instanceof Paren p) {
            inner = p.expr();
        }
        VectorSelector selector = inner instanceof VectorSelector v ? v : inner instanceof MatrixSelector m ? m.selector() : null;
        Map<String, String> labels = new TreeMap<>();
        Set<String> repeated = new HashSet<>();
        if (selector != null) {
            for (LabelMatcher m : selector.matchers()) {
                if (m.name().equals(Labels.NAME) || m.type() != MatchType.EQUAL) {
                    continue;
                }
                if (labels.containsKey(m.name())) {
                    repeated.add(m.name());
                }
                labels.put(m.name(), m.value());
            }
        }
        repeated.forEach(labels::remove);
        return new Vector(List.of(new Sample(Labels.of(labels), 1)));
    }

    private static Value timestamp(Engine.Evaluation ev, Call c, long t) {
        Expr arg = c.args().get(0);
        while (arg instanceof Paren p) {
            arg = p.expr();
        }
        Vector v = (Vector) ev.eval(arg, t);
        Map<Labels, Long> times = arg instanceof VectorSelector selector ? ev.sampleTimes(selector, t) : Map.of();
        List<Sample> out = new ArrayList<>();
        for (Sample s : v.samples()) {
            long at = times.getOrDefault(s.labels(), t);
            out.add(new Sample(s.labels().withoutName(), at / 1000.0));
        }
        return new Vector(out);
    }

    /** The range a range function reads: its end (after offset and @) and its length, both in ms. */
    record Window(long end, long range) {
        long start() {
            return end - range;
        }
    }

    private static Window window(Engine.Evaluation ev, Expr arg, long t) {
        while (arg instanceof Paren p) {
            arg = p.expr();
        }
        return switch (arg) {
            case MatrixSelector m -> new Window(ev.atTime(m.selector().at(), t) - m.selector().offset().toMillis(), m.range().toMillis());
            case Subquery s -> new Window(ev.atTime(s.at(), t) - s.offset().toMillis(), s.range().toMillis());
            default -> throw new IllegalStateException("not a range: " + arg);
        };
    }

    private static Vector overTime(String name, Matrix m, Window w, List<Value> args) {
        List<Sample> out = new ArrayList<>();
        for (Series s : m.series()) {
            Double v = RangeFunctions.apply(name, s, w, args);
            if (v != null) {
                out.add(new Sample(KEEP_NAME.contains(name) ? s.labels() : s.labels().withoutName(), v));
            }
        }
        return new Vector(out);
    }
}
