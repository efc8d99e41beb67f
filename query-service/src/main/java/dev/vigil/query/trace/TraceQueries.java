package dev.vigil.query.trace;

/**
 * Every SQL statement the trace API runs, over the OpenTelemetry Collector ClickHouse exporter schema that the
 * persist stage creates. Inputs are server-side parameters ({@code {name:Type}}), never spliced in; the database
 * comes from the connection ({@code vigil.clickhouse.database}).
 */
final class TraceQueries {

    private TraceQueries() {
    }

    /**
     * The time range of one trace, from the lookup table a materialized view keeps per TraceId. Its Start/End are
     * whole seconds (DateTime) and it may hold several unmerged rows per trace, hence min/max. No row: unknown.
     * Parameters: {@code traceId}.
     */
    static final String TRACE_TIME_RANGE = """
            SELECT
                toUnixTimestamp(min(Start)) AS StartSeconds,
                toUnixTimestamp(max(End)) AS EndSeconds
            FROM otel_traces_trace_id_ts
            WHERE TraceId = {traceId:String}
            GROUP BY TraceId
            """;

    /**
     * The spans of one trace, read only from the parts of its time range. End is the latest span start truncated
     * to the second, so the range reaches to the end of that second. The bounds are DateTime64(9) like Timestamp:
     * compared with a DateTime, ClickHouse (26.7) prunes parts by their min/max as if {@code Timestamp < t} were
     * {@code Timestamp <= t - 1s}, and skips parts whose spans all start within the second before t. Times come
     * back as Unix
     * nanoseconds so that DateTime64(9) keeps its precision and no time zone takes part.
     * Parameters: {@code traceId}, {@code startSeconds}, {@code endSeconds}.
     */
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

    static final String SPANS_OF_TRACE = SPAN_COLUMNS + """
            FROM otel_traces
            WHERE TraceId = {traceId:String}
              AND Timestamp >= toDateTime64({startSeconds:UInt32}, 9)
              AND Timestamp < toDateTime64({endSeconds:UInt32} + 1, 9)
            """;
}
