package dev.vigil.alert.condition;

import dev.vigil.promql.Expr;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a rule measures over its window, and the comparison that makes a measured value a violation.
 * Each measured series becomes one alert, labelled with the series' labels.
 */
public sealed interface RuleSpec {

    Duration window();

    Comparison comparison();

    double threshold();

    /** Whether this measured value violates the rule. */
    default boolean violatedBy(double value) {
        return comparison().holds(value, threshold());
    }

    /**
     * A metric's points in the window, filtered by attributes, aggregated per series.
     *
     * @param filter  attribute values the points must have
     * @param groupBy attributes whose values split the result into series (and become alert labels)
     */
    record MetricThreshold(String metric, Map<String, String> filter, Aggregation aggregation, List<String> groupBy,
                           Duration window, Comparison comparison, double threshold) implements RuleSpec {
        public MetricThreshold {
            filter = Map.copyOf(filter);
            groupBy = List.copyOf(groupBy);
        }
    }

    /**
     * The share (0 to 1) of a service's spans, or one operation's, whose status is Error.
     *
     * @param operation   a span name, or {@code null} for every operation of the service
     * @param minRequests fewer spans than this in the window measure nothing, so one failure of two is no alert
     */
    record ErrorRate(String service, String operation, long minRequests, Duration window, Comparison comparison,
                     double threshold) implements RuleSpec {
    }

    /**
     * A quantile of span duration, in milliseconds, of a service or one of its operations.
     *
     * @param quantile between 0 and 1, e.g. 0.99
     */
    record LatencyQuantile(String service, String operation, double quantile, Duration window, Comparison comparison,
                           double threshold) implements RuleSpec {
    }

    /**
     * The number of log records in the window that match.
     *
     * @param service           or {@code null} for every service
     * @param bodyContains      text the body must contain (case-insensitive), or {@code null}
     * @param minSeverityNumber the lowest OpenTelemetry severity number counted (0 counts all)
     */
    record LogCount(String service, String bodyContains, int minSeverityNumber, Duration window,
                    Comparison comparison, double threshold) implements RuleSpec {
    }

    /**
     * No data of a signal from a service (for metrics: of one metric) within the window. The measured
     * value is the number of records seen, and it violates when it is zero.
     */
    record Absence(TelemetrySignal signal, String service, String metric, Duration window) implements RuleSpec {
        @Override
        public Comparison comparison() {
            return Comparison.LESS;
        }

        @Override
        public double threshold() {
            return 1;
        }
    }

    /**
     * A PromQL expression, evaluated as an instant query at each evaluation time, as Prometheus evaluates an alerting
     * rule: every sample of the result is an alert (the comparison is part of the expression), labelled with the
     * series' labels without {@code __name__}; an empty result means the condition does not hold.
     *
     * @param expr       the expression as written
     * @param expression the expression parsed; an instant vector
     * @param group      the Prometheus rule group the rule was imported from, or {@code null}
     */
    record PromQl(String expr, Expr expression, String group) implements RuleSpec {
        /** The expression's own ranges and lookback say how far back it reads. */
        @Override
        public Duration window() {
            return Duration.ZERO;
        }

        /** Not used: every sample of the result violates the rule. */
        @Override
        public Comparison comparison() {
            return Comparison.GREATER;
        }

        @Override
        public double threshold() {
            return Double.NEGATIVE_INFINITY;
        }

        @Override
        public boolean violatedBy(double value) {
            return true;
        }
    }
}
