-- Vigil's own view: the spans that make the service dependency graph, narrowed to what an edge needs.
-- A caller is a Client or Producer span; a callee is a Server or Consumer span with a parent. CallKey joins them:
-- cityHash64(TraceId, SpanId) on the caller's side, cityHash64(TraceId, ParentSpanId) on the callee's. A caller
-- without a callee in another service is a call to what its attributes name (Peer, PeerKind): a database
-- (db.system, db.system.name), a queue (messaging.system), an uninstrumented service (peer.service) or an
-- external host (server.address, net.peer.name).
-- Placeholders: ${database}, ${retention.traces}. Every statement is idempotent.

CREATE TABLE IF NOT EXISTS `${database}`.vigil_dependency_spans (
    Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
    Side Enum8('caller' = 1, 'callee' = 2),
    CallKey UInt64 CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    Peer LowCardinality(String) CODEC(ZSTD(1)),
    PeerKind LowCardinality(String) CODEC(ZSTD(1)),
    Duration UInt64 CODEC(T64, ZSTD(1)),
    IsError UInt8 CODEC(T64, ZSTD(1))
) ENGINE = MergeTree
PARTITION BY toDate(Timestamp)
ORDER BY (Side, Timestamp)
TTL toDateTime(Timestamp) + ${retention.traces}
-- A batch the persist stage replays after a failure carries its deduplication token into this view too.
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS `${database}`.vigil_dependency_spans_mv
TO `${database}`.vigil_dependency_spans
AS SELECT
    Timestamp,
    if(SpanKind IN ('Client', 'Producer'), 'caller', 'callee') AS Side,
    if(SpanKind IN ('Client', 'Producer'), cityHash64(TraceId, SpanId), cityHash64(TraceId, ParentSpanId)) AS CallKey,
    ServiceName,
    multiIf(
        SpanKind NOT IN ('Client', 'Producer'), '',
        SpanAttributes['db.system'] != '', SpanAttributes['db.system'],
        SpanAttributes['db.system.name'] != '', SpanAttributes['db.system.name'],
        SpanAttributes['messaging.system'] != '', SpanAttributes['messaging.system'],
        SpanAttributes['peer.service'] != '', SpanAttributes['peer.service'],
        SpanAttributes['server.address'] != '', SpanAttributes['server.address'],
        SpanAttributes['net.peer.name']) AS Peer,
    multiIf(
        SpanKind NOT IN ('Client', 'Producer'), '',
        SpanAttributes['db.system'] != '' OR SpanAttributes['db.system.name'] != '', 'database',
        SpanAttributes['messaging.system'] != '', 'queue',
        SpanAttributes['peer.service'] != '', 'service',
        SpanAttributes['server.address'] != '' OR SpanAttributes['net.peer.name'] != '', 'external',
        '') AS PeerKind,
    Duration,
    toUInt8(StatusCode = 'Error') AS IsError
FROM `${database}`.otel_traces
WHERE SpanKind IN ('Client', 'Producer')
   OR (SpanKind IN ('Server', 'Consumer') AND ParentSpanId != '');
