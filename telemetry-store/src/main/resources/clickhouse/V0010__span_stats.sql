-- Vigil's own view: per-minute statistics of every service, operation and span kind, so the services list, the
-- operations list and the golden signals read a few rows per minute instead of every span.
-- Errors are spans with StatusCode 'Error'. DurationQuantiles holds mergeable quantile states (ClickHouse's
-- reservoir-sampling quantiles: exact, with linear interpolation, up to 8192 spans per merged state).
-- Placeholders: ${database}, ${retention.traces}. Every statement is idempotent.

CREATE TABLE IF NOT EXISTS `${database}`.vigil_span_stats_1m (
    Minute DateTime CODEC(Delta(4), ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    SpanName LowCardinality(String) CODEC(ZSTD(1)),
    SpanKind LowCardinality(String) CODEC(ZSTD(1)),
    Spans SimpleAggregateFunction(sum, UInt64) CODEC(T64, ZSTD(1)),
    Errors SimpleAggregateFunction(sum, UInt64) CODEC(T64, ZSTD(1)),
    DurationSum SimpleAggregateFunction(sum, UInt64) CODEC(T64, ZSTD(1)),
    DurationQuantiles AggregateFunction(quantiles(0.5, 0.9, 0.95, 0.99), UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toDate(Minute)
ORDER BY (ServiceName, SpanName, SpanKind, Minute)
TTL Minute + ${retention.traces}
-- A batch the persist stage replays after a failure carries its deduplication token into this view too.
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS `${database}`.vigil_span_stats_1m_mv
TO `${database}`.vigil_span_stats_1m
AS SELECT
    toDateTime(toStartOfMinute(Timestamp)) AS Minute,
    ServiceName,
    SpanName,
    SpanKind,
    toUInt64(count()) AS Spans,
    toUInt64(countIf(StatusCode = 'Error')) AS Errors,
    toUInt64(sum(Duration)) AS DurationSum,
    quantilesState(0.5, 0.9, 0.95, 0.99)(Duration) AS DurationQuantiles
FROM `${database}`.otel_traces
GROUP BY Minute, ServiceName, SpanName, SpanKind;
