-- Vigil's own view: one summary per trace (start, end, span and error counts, services, root span), so that a
-- page of search results reads a few rows by trace id instead of every span of every listed trace. The spans
-- of one trace lie all over otel_traces (it is ordered by service and operation), so summarising twelve
-- traces from it read about a million rows.
-- Rows of one trace from several inserts are folded by merges; readers still aggregate, since merges are lazy.
-- Root is the earliest span without a parent: argMin over (has a parent, start time), as the exporter-schema
-- query did. EndNanos is the latest span end (start + duration) in nanoseconds since the epoch.
-- Placeholders: ${database}, ${retention.traces}. Every statement is idempotent.

CREATE TABLE IF NOT EXISTS `${database}`.vigil_trace_summaries (
    TraceId String CODEC(ZSTD(1)),
    Start SimpleAggregateFunction(min, DateTime64(9)) CODEC(ZSTD(1)),
    EndNanos SimpleAggregateFunction(max, Int64) CODEC(ZSTD(1)),
    Spans SimpleAggregateFunction(sum, UInt64) CODEC(T64, ZSTD(1)),
    Errors SimpleAggregateFunction(sum, UInt64) CODEC(T64, ZSTD(1)),
    Services SimpleAggregateFunction(groupUniqArrayArray, Array(String)) CODEC(ZSTD(1)),
    Root AggregateFunction(argMin, Tuple(String, String), Tuple(UInt8, DateTime64(9))) CODEC(ZSTD(1))
) ENGINE = AggregatingMergeTree
PARTITION BY toStartOfWeek(Start)
ORDER BY (TraceId)
TTL toDateTime(Start) + ${retention.traces}
-- Small granules: every read is a point lookup of a page of trace ids.
-- A batch the persist stage replays after a failure carries its deduplication token into this view too.
SETTINGS index_granularity = 1024, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS `${database}`.vigil_trace_summaries_mv
TO `${database}`.vigil_trace_summaries
AS SELECT
    TraceId,
    min(Timestamp) AS Start,
    max(toInt64(toUnixTimestamp64Nano(Timestamp)) + toInt64(Duration)) AS EndNanos,
    toUInt64(count()) AS Spans,
    toUInt64(countIf(StatusCode = 'Error')) AS Errors,
    groupUniqArray(toString(ServiceName)) AS Services,
    argMinState((toString(ServiceName), toString(SpanName)), (toUInt8(ParentSpanId != ''), Timestamp)) AS Root
FROM `${database}`.otel_traces
WHERE TraceId != ''
GROUP BY TraceId;
