package dev.vigil.ingest.clickhouse;

import java.util.List;
import java.util.Map;

/**
 * One row of {@code otel_traces}, in the exporter's column semantics: ids as lowercase hex (empty when
 * absent), kind and status as {@code Server}, {@code Error} …, attribute values as strings.
 * Attribute maps may be shared between rows of one resource; no one mutates them.
 */
public record SpanRow(
        long timestampNanos,
        String traceId,
        String spanId,
        String parentSpanId,
        String traceState,
        String spanName,
        String spanKind,
        String serviceName,
        Map<String, String> resourceAttributes,
        String scopeName,
        String scopeVersion,
        Map<String, String> spanAttributes,
        long durationNanos,
        String statusCode,
        String statusMessage,
        List<Event> events,
        List<Link> links) {

    public record Event(long timestampNanos, String name, Map<String, String> attributes) {
    }

    public record Link(String traceId, String spanId, String traceState, Map<String, String> attributes) {
    }
}
