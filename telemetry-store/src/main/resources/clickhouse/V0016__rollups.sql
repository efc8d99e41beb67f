-- Two rollups that keep the query API's hour-long reads small.
--
-- The dependency graph's edges per minute, so that a graph over an hour reads a few hundred
-- rows instead of joining every caller span of the hour with its callee at query time.
-- A caller and its callee arrive in different inserts, so no materialized view can join them. query-service's
-- dependency rollup (dev.vigil.query.dependency.DependencyRollup) joins, for each closed minute older than a grace
-- for late callees, that minute's callers with their callees (looked for from a minute before to a minute after,
-- as the live query does), inserts the minute's edges here, then records the minute in vigil_dependency_rollups
-- with Callers: how many caller spans the minute had (counted in vigil_span_stats_1m before the join).
-- A minute whose caller count has changed since (spans loaded late, in bulk) is stale: the graph joins it live
-- and the rollup rolls it up again, as a new generation (its Callers); the graph reads only a minute's latest one.
-- A generation is inserted with the deduplication token 'dependency-edges-<minute>-<callers>': rolled up twice
-- (two replicas, or a run that stopped between the two inserts), it is stored once.
-- Latency holds the caller spans' durations as t-digests, as vigil_service_requests_1m below (and for the same
-- reason: an hour of reservoir states took most of the graph's time to merge).
-- Existing spans are rolled up by the rollup's first runs, which go back over the whole retention.
-- Placeholders: ${database}, ${retention.traces}. Every statement is idempotent.

CREATE TABLE IF NOT EXISTS `${database}`.vigil_dependency_edges_1m (
    Minute DateTime CODEC(Delta(4), ZSTD(1)),
    Callers UInt64 CODEC(T64, ZSTD(1)),
    Source LowCardinality(String) CODEC(ZSTD(1)),
    Target LowCardinality(String) CODEC(ZSTD(1)),
    TargetKind LowCardinality(String) CODEC(ZSTD(1)),
    Calls UInt64 CODEC(T64, ZSTD(1)),
    Errors UInt64 CODEC(T64, ZSTD(1)),
    Latency AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), UInt64)
) ENGINE = MergeTree
PARTITION BY toDate(Minute)
ORDER BY (Minute, Callers, Source, TargetKind, Target)
TTL Minute + ${retention.traces}
-- One insert per minute rolled up: the window remembers the tokens of two weeks of minutes.
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 20000;

CREATE TABLE IF NOT EXISTS `${database}`.vigil_dependency_rollups (
    Minute DateTime CODEC(Delta(4), ZSTD(1)),
    Callers UInt64 CODEC(T64, ZSTD(1)),
    RolledUpAt DateTime DEFAULT now() CODEC(Delta(4), ZSTD(1))
) ENGINE = ReplacingMergeTree(Callers)
PARTITION BY toDate(Minute)
ORDER BY Minute
TTL Minute + ${retention.traces}
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;

-- Vigil's own view: per minute and service, the requests (Server and Consumer spans) only, so the golden-signal
-- summary of every service merges one latency state per service and minute instead of one per operation and kind.
-- Latency is a t-digest (quantilesTDigest): a few hundred centroids per state however many spans, so merging an
-- hour is cheap; approximate (to about 1 % at thousands of requests, a few % at a handful), where V0010's reservoir
-- states are exact up to 8192 spans and sampled above. The view fills from new inserts only: the summary reads it
-- for a range where its request counts match vigil_span_stats_1m's, and reads vigil_span_stats_1m otherwise, so
-- minutes stored before this file was applied keep their answer until they leave the retention.
CREATE TABLE IF NOT EXISTS `${database}`.vigil_service_requests_1m (
    Minute DateTime CODEC(Delta(4), ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    Requests SimpleAggregateFunction(sum, UInt64) CODEC(T64, ZSTD(1)),
    Errors SimpleAggregateFunction(sum, UInt64) CODEC(T64, ZSTD(1)),
    DurationTDigest AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), UInt64)
) ENGINE = AggregatingMergeTree
PARTITION BY toDate(Minute)
ORDER BY (Minute, ServiceName)
TTL Minute + ${retention.traces}
-- A batch the persist stage replays after a failure carries its deduplication token into this view too.
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS `${database}`.vigil_service_requests_1m_mv
TO `${database}`.vigil_service_requests_1m
AS SELECT
    toDateTime(toStartOfMinute(Timestamp)) AS Minute,
    ServiceName,
    toUInt64(count()) AS Requests,
    toUInt64(countIf(StatusCode = 'Error')) AS Errors,
    quantilesTDigestState(0.5, 0.9, 0.95, 0.99)(Duration) AS DurationTDigest
FROM `${database}`.otel_traces
WHERE SpanKind IN ('Server', 'Consumer')
GROUP BY Minute, ServiceName;
