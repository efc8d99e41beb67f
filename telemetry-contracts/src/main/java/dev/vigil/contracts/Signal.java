package dev.vigil.contracts;

/** The three OTLP signals, each with the topic that carries its export requests. */
public enum Signal {
    TRACES("traces", Topics.OTLP_TRACES),
    METRICS("metrics", Topics.OTLP_METRICS),
    LOGS("logs", Topics.OTLP_LOGS);

    private final String id;
    private final String topic;

    Signal(String id, String topic) {
        this.id = id;
        this.topic = topic;
    }

    /** The lower-case name used in URLs ({@code /v1/traces}), config keys and metric tags. */
    public String id() {
        return id;
    }

    public String topic() {
        return topic;
    }
}
