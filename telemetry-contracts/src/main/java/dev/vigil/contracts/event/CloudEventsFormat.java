package dev.vigil.contracts.event;

/**
 * How coordination events are written: CloudEvents 1.0 in the structured JSON mode, the whole event (attributes and
 * {@code data}) as the record's value, so that any Kafka client reads it without knowing CloudEvents' Kafka binding.
 */
public final class CloudEventsFormat {
    public static final String SPEC_VERSION = "1.0";
    /** The record's {@code content-type} header in the structured mode. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    /** The {@code datacontenttype} of every coordination event: its {@code data} is a JSON object. */
    public static final String DATA_CONTENT_TYPE = "application/json";

    private CloudEventsFormat() {
    }
}
