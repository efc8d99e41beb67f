-- otel_traces in a new order, smaller on disk and read by trace id without a second copy (docs/performance.md,
-- "Storage"). Same columns and types (the exporter schema's readers keep working); what changes:
-- * ORDER BY (ServiceName, toStartOfHour(Timestamp), TraceId, Timestamp): the spans of one trace in one service lie
--   side by side, so TraceId and Timestamp compress to about half; a search by service reads that service's hours.
-- * A lookup by trace id names the trace's services (vigil_trace_summaries) and hours (otel_traces_trace_id_ts),
--   so the primary key finds one or two granules per service: the projection by_trace_id (V0013), a second copy of
--   every span, and the bloom filter idx_trace_id are no longer needed, and not created.
-- * index_granularity 2048 instead of 8192: each granule a trace lookup reads is a quarter of the size.
-- * SpanAttributes ZSTD(6), ResourceAttributes ZSTD(3): the attributes are most of a span's bytes.
-- ORDER BY and index_granularity cannot be changed in place, so the new table is created under the name
-- otel_traces_v14 and exchanged with otel_traces in one atomic step: from then on spans are stored in the new table,
-- and otel_traces_v14 holds the spans stored before, in the old layout. The materialized views read otel_traces by
-- name, so they follow the exchange. The spans of otel_traces_v14 are not shown until an operator copies them over
-- (docs/storage.md, "Changing the layout of otel_traces"), or they expire by the retention and the table is dropped.
-- The exchange is the one statement that must not run twice (a second run would exchange the tables back): it is
-- the last of this file, and the migrator records the file as soon as it has run.
-- Placeholders: ${database}, ${retention.traces}.

CREATE TABLE IF NOT EXISTS `${database}`.otel_traces_v14 (
    Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
    TraceId String CODEC(ZSTD(1)),
    SpanId String CODEC(ZSTD(1)),
    ParentSpanId String CODEC(ZSTD(1)),
    TraceState String CODEC(ZSTD(1)),
    SpanName LowCardinality(String) CODEC(ZSTD(1)),
    SpanKind LowCardinality(String) CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(3)),
    ScopeName String CODEC(ZSTD(1)),
    ScopeVersion String CODEC(ZSTD(1)),
    SpanAttributes Map(LowCardinality(String), String) CODEC(ZSTD(6)),
    Duration UInt64 CODEC(T64, ZSTD(1)),
    StatusCode LowCardinality(String) CODEC(ZSTD(1)),
    StatusMessage String CODEC(ZSTD(1)),
    Events Nested (
        Timestamp DateTime64(9),
        Name LowCardinality(String),
        Attributes Map(LowCardinality(String), String)
    ) CODEC(ZSTD(1)),
    Links Nested (
        TraceId String,
        SpanId String,
        TraceState String,
        Attributes Map(LowCardinality(String), String)
    ) CODEC(ZSTD(1)),
    ResourceAttributeItems Array(String) ALIAS arrayMap(kv -> concat(kv.1, '=', kv.2), CAST(ResourceAttributes, 'Array(Tuple(String, String))')),
    SpanAttributeItems Array(String) ALIAS arrayMap(kv -> concat(kv.1, '=', kv.2), CAST(SpanAttributes, 'Array(Tuple(String, String))')),
    INDEX idx_res_attr_key mapKeys(ResourceAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_value mapValues(ResourceAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_span_attr_key mapKeys(SpanAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_span_attr_value mapValues(SpanAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_duration Duration TYPE minmax GRANULARITY 1,
    INDEX idx_lower_span_name lower(SpanName) TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 8,
    CONSTRAINT timestamp_before_2106 CHECK Timestamp < toDateTime64('2106-02-07 06:28:15', 9, 'UTC')
) ENGINE = MergeTree
PARTITION BY toDate(Timestamp)
PRIMARY KEY (ServiceName, toStartOfHour(Timestamp), TraceId)
ORDER BY (ServiceName, toStartOfHour(Timestamp), TraceId, Timestamp)
TTL toDateTime(Timestamp) + ${retention.traces}
-- non_replicated_deduplication_window makes the insert_deduplication_token of each persisted batch
-- effective on a non-replicated table: a batch replayed from Kafka after a crash is stored once.
SETTINGS index_granularity = 2048, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;

EXCHANGE TABLES `${database}`.otel_traces AND `${database}`.otel_traces_v14;
