package dev.vigil.ingest.clickhouse;

import java.util.Map;

/**
 * One row of {@code otel_logs}, in the exporter's column semantics: ids as lowercase hex (empty when
 * absent), the body and attribute values as strings. {@code TimestampTime} and the materialized
 * Kubernetes columns are computed by ClickHouse. Attribute maps may be shared between rows of one
 * resource or scope; no one mutates them.
 */
public record LogRow(
        long timestampNanos,
        String traceId,
        String spanId,
        int traceFlags,
        String severityText,
        int severityNumber,
        String serviceName,
        String body,
        String resourceSchemaUrl,
        Map<String, String> resourceAttributes,
        String scopeSchemaUrl,
        String scopeName,
        String scopeVersion,
        Map<String, String> scopeAttributes,
        Map<String, String> logAttributes,
        String eventName) {
}
