package dev.vigil.alert.rule;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a rule evaluates; its {@code spec} is read according to its kind. */
public enum RuleKind {
    /** A metric series compared against a threshold. */
    METRIC_THRESHOLD("metric_threshold"),
    /** The share of a service's requests that fail. */
    ERROR_RATE("error_rate"),
    /** A quantile of a service's or operation's latency. */
    LATENCY_QUANTILE("latency_quantile"),
    /** The number of log records that match. */
    LOG_COUNT("log_count"),
    /** Telemetry that should arrive and does not. */
    ABSENCE("absence"),
    /** A PromQL expression: each sample of its result is an alert, as in a Prometheus alerting rule. */
    PROMQL("promql");

    private final String id;

    RuleKind(String id) {
        this.id = id;
    }

    /** The name used in the API and in the database. */
    public String id() {
        return id;
    }

    public static Optional<RuleKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(RuleKind::id).toList();
    }
}
