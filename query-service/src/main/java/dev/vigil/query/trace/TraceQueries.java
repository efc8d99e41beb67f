package dev.vigil.query.trace;

/**
 * Every SQL statement the trace API runs, over the OpenTelemetry Collector ClickHouse exporter schema that the
 * persist stage creates. Inputs are server-side parameters ({@code {name:Type}}), never spliced in; the database
 * comes from the connection ({@code vigil.clickhouse.database}).
 */
final class TraceQueries {

    private TraceQueries() {
    }

    /** The columns {@link TraceStore} decodes a span from. */
    static final String SPAN_COLUMNS = """
            SELECT
                TraceId,
                SpanId,
                ParentSpanId,
                SpanName,
                SpanKind,
                ServiceName,
                toUnixTimestamp64Nano(Timestamp) AS StartUnixNanos,
                toInt64(Duration) AS DurationNanos,
                StatusCode,
                StatusMessage,
                SpanAttributes,
                ResourceAttributes,
                ScopeName,
                ScopeVersion,
                arrayMap(t -> toUnixTimestamp64Nano(t), Events.Timestamp) AS EventUnixNanos,
                Events.Name AS EventNames,
                Events.Attributes AS EventAttributes,
                Links.TraceId AS LinkTraceIds,
                Links.SpanId AS LinkSpanIds,
                Links.TraceState AS LinkTraceStates,
                Links.Attributes AS LinkAttributes
            """;
}
