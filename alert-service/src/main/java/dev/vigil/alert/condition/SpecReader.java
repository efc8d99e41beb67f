package dev.vigil.alert.condition;

import dev.vigil.promql.Expr;
import dev.vigil.promql.Parser;
import dev.vigil.promql.PromQlSyntaxException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a rule's spec, a JSON object, as the {@link RuleSpec} of the rule's kind, reporting every
 * problem at once with the field's path ({@code spec.threshold}).
 */
public final class SpecReader {

    public static final int DEFAULT_WINDOW_SECONDS = 300;
    public static final int MAX_WINDOW_SECONDS = 7 * 86_400;
    /** Attribute names used as ClickHouse map keys and alert labels. */
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-/]*");

    private final Map<String, Object> spec;
    private final List<SpecProblem> problems = new ArrayList<>();

    private SpecReader(Map<String, Object> spec) {
        this.spec = spec;
    }

    /**
     * @param kind the rule kind's id ({@code error_rate}, ...)
     * @throws InvalidSpecException naming every field at fault
     * @throws IllegalArgumentException for a kind this reader does not know
     */
    public static RuleSpec read(String kind, Map<String, Object> spec) {
        SpecReader r = new SpecReader(spec == null ? Map.of() : spec);
        RuleSpec result = switch (kind) {
            case "metric_threshold" -> {
                r.only("metric", "filter", "aggregation", "groupBy", "windowSeconds", "comparison", "threshold");
                yield new RuleSpec.MetricThreshold(r.requiredText("metric"), r.stringMap("filter"),
                        r.choice("aggregation", "avg", Aggregation::byId, Aggregation.ids()), r.attributeList("groupBy"),
                        r.window(), r.comparison(">"), r.requiredNumber("threshold"));
            }
            case "error_rate" -> {
                r.only("service", "operation", "minRequests", "windowSeconds", "comparison", "threshold");
                yield new RuleSpec.ErrorRate(r.requiredText("service"), r.optionalText("operation"),
                        r.whole("minRequests", 1, 1, Long.MAX_VALUE), r.window(), r.comparison(">"),
                        r.requiredNumber("threshold"));
            }
            case "latency_quantile" -> {
                r.only("service", "operation", "quantile", "windowSeconds", "comparison", "threshold");
                double quantile = r.number("quantile", 0.99);
                if (!(quantile > 0 && quantile < 1)) {
                    r.problem("quantile", "must be between 0 and 1, e.g. 0.99");
                }
                yield new RuleSpec.LatencyQuantile(r.requiredText("service"), r.optionalText("operation"), quantile,
                        r.window(), r.comparison(">"), r.requiredNumber("threshold"));
            }
            case "log_count" -> {
                r.only("service", "bodyContains", "minSeverityNumber", "windowSeconds", "comparison", "threshold");
                yield new RuleSpec.LogCount(r.optionalText("service"), r.optionalText("bodyContains"),
                        (int) r.whole("minSeverityNumber", 0, 0, 24), r.window(), r.comparison(">"),
                        r.number("threshold", 0));
            }
            case "absence" -> {
                r.only("signal", "service", "metric", "windowSeconds");
                TelemetrySignal signal = r.choice("signal", null, TelemetrySignal::byId, TelemetrySignal.ids());
                String metric = r.optionalText("metric");
                if (signal == TelemetrySignal.METRICS && metric == null) {
                    r.problem("metric", "is required when signal is metrics");
                }
                yield new RuleSpec.Absence(signal, r.requiredText("service"), metric, r.window());
            }
            case "promql" -> {
                r.only("expr", "group");
                String expr = r.requiredText("expr");
                yield new RuleSpec.PromQl(expr, expr == null ? null : r.instantVector(expr), r.optionalText("group"));
            }
            default -> throw new IllegalArgumentException("unknown rule kind " + kind);
        };
        if (!r.problems.isEmpty()) {
            throw new InvalidSpecException(r.problems);
        }
        return result;
    }

    /** The expression parsed, when it is PromQL whose result is an instant vector, as an alerting rule's must be. */
    private Expr instantVector(String expr) {
        try {
            Expr parsed = Parser.parse(expr);
            Expr.Type type = Parser.typeOf(parsed);
            if (type == Expr.Type.VECTOR) {
                return parsed;
            }
            problem("expr", type == Expr.Type.SCALAR
                    ? "is a scalar expression; an alert rule needs an instant vector, e.g. vector(" + expr + ") > 0"
                    : "is of type " + type + "; an alert rule needs an instant vector");
        } catch (PromQlSyntaxException e) {
            problem("expr", "is not PromQL: " + e.getMessage());
        }
        return null;
    }

    private void only(String... fields) {
        Set<String> known = Set.of(fields);
        spec.keySet().stream().filter(f -> !known.contains(f)).sorted()
                .forEach(f -> problem(f, "is not a known field; known: " + String.join(", ", fields)));
    }

    private void problem(String field, String message) {
        problems.add(new SpecProblem("spec." + field, message));
    }

    private String requiredText(String field) {
        String value = optionalText(field);
        if (value == null && problems.stream().noneMatch(p -> p.field().equals("spec." + field))) {
            problem(field, "is required");
        }
        return value;
    }

    private String optionalText(String field) {
        Object value = spec.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            problem(field, "must be a string");
            return null;
        }
        return text.isBlank() ? null : text.strip();
    }

    private double requiredNumber(String field) {
        if (spec.get(field) == null) {
            problem(field, "is required");
            return Double.NaN;
        }
        return number(field, Double.NaN);
    }

    private double number(String field, double otherwise) {
        Object value = spec.get(field);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            problem(field, "must be a number");
            return otherwise;
        }
        return number.doubleValue();
    }

    private long whole(String field, long otherwise, long min, long max) {
        Object value = spec.get(field);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
            problem(field, "must be a whole number");
            return otherwise;
        }
        long number = ((Number) value).longValue();
        if (number < min || number > max) {
            problem(field, "must be between " + min + " and " + max);
            return otherwise;
        }
        return number;
    }

    private Duration window() {
        return Duration.ofSeconds(whole("windowSeconds", DEFAULT_WINDOW_SECONDS, 1, MAX_WINDOW_SECONDS));
    }

    private Comparison comparison(String otherwise) {
        return choice("comparison", otherwise, Comparison::bySymbol, Comparison.symbols());
    }

    private <T> T choice(String field, String otherwise, Function<String, java.util.Optional<T>> byId,
                         List<String> ids) {
        Object value = spec.get(field);
        if (value == null && otherwise == null) {
            problem(field, "is required; one of " + String.join(", ", ids));
            return null;
        }
        String id = value == null ? otherwise : String.valueOf(value);
        return byId.apply(id).orElseGet(() -> {
            problem(field, "must be one of " + String.join(", ", ids));
            return null;
        });
    }

    private Map<String, String> stringMap(String field) {
        Object value = spec.get(field);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(field, "must be a JSON object of strings");
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!ATTRIBUTE.matcher(String.valueOf(k)).matches()) {
                problem(field + "." + k, "is not an attribute name");
            } else if (!(v instanceof String text)) {
                problem(field + "." + k, "must be a string");
            } else {
                result.put(String.valueOf(k), text);
            }
        });
        return result;
    }

    private List<String> attributeList(String field) {
        Object value = spec.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problem(field, "must be a list of attribute names");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String name && ATTRIBUTE.matcher(name).matches()) {
                result.add(name);
            } else {
                problem(field + "[" + i + "]", "is not an attribute name");
            }
        }
        return result;
    }
}
