package dev.vigil.contracts;

/** Kafka topics of the Vigil bus. The OTLP topics carry {@code Export*ServiceRequest} protobuf bytes. */
public final class Topics {
    public static final String OTLP_TRACES = "vigil.otlp.traces";
    public static final String OTLP_METRICS = "vigil.otlp.metrics";
    public static final String OTLP_LOGS = "vigil.otlp.logs";
    /** CloudEvents 1.0 JSON, data {@link dev.vigil.contracts.event.AlertStateChanged}. */
    public static final String ALERTS = "vigil.alerts";
    /** CloudEvents 1.0 JSON, data {@link dev.vigil.contracts.event.HealthStatusChanged}. */
    public static final String HEALTH = "vigil.health";
    /** CloudEvents 1.0 JSON: rule and pipeline changes, data {@link dev.vigil.contracts.event.PipelinesChanged}. */
    public static final String CONFIG = "vigil.config";
    /** Records the persist stage could not store; the reason is in {@link Headers#DEADLETTER_REASON}. */
    public static final String DEADLETTER = "vigil.deadletter";

    private Topics() {
    }
}
