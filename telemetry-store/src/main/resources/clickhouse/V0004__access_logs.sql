-- Access logs of the service mesh (Istio's Envoy proxies, whose OpenTelemetry access-log provider
-- sends them as OTLP log records) with who called whom as columns, for auditing down to a single
-- workload. A materialized view fills the table from every insert into otel_logs; it picks the
-- records that carry a response code and a method or a source or destination workload. The
-- attribute keys it recognises, in order of preference, are listed in docs/storage.md; Envoy's "-"
-- for a value it does not have counts as absent.
-- Placeholders: ${database}, and ${retention.logs}, the retention of otel_logs.
-- Every statement is idempotent: a file interrupted half-way is simply run again.

CREATE TABLE IF NOT EXISTS `${database}`.vigil_access_logs (
    Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
    TraceId String CODEC(ZSTD(1)),
    SpanId String CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    SourceWorkload LowCardinality(String) CODEC(ZSTD(1)),
    SourceNamespace LowCardinality(String) CODEC(ZSTD(1)),
    DestinationWorkload LowCardinality(String) CODEC(ZSTD(1)),
    DestinationNamespace LowCardinality(String) CODEC(ZSTD(1)),
    ResponseCode UInt16 CODEC(T64, ZSTD(1)),
    Method LowCardinality(String) CODEC(ZSTD(1)),
    Path String CODEC(ZSTD(1)),
    -- Nanoseconds, like otel_traces.Duration; Envoy reports milliseconds.
    Duration UInt64 CODEC(T64, ZSTD(1)),
    Attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    INDEX idx_trace_id TraceId TYPE bloom_filter(0.001) GRANULARITY 1,
    INDEX idx_source_workload SourceWorkload TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_response_code ResponseCode TYPE minmax GRANULARITY 1,
    INDEX idx_duration Duration TYPE minmax GRANULARITY 1,
    INDEX idx_lower_path lower(Path) TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 8
) ENGINE = MergeTree
PARTITION BY toDate(Timestamp)
ORDER BY (DestinationNamespace, DestinationWorkload, toDateTime(Timestamp), Timestamp)
TTL toDateTime(Timestamp) + ${retention.logs}
-- Inserts through the view carry the otel_logs insert's deduplication token; this window lets the
-- table recognise a block it already has when a failed insert is repeated.
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS `${database}`.vigil_access_logs_mv
TO `${database}`.vigil_access_logs
AS WITH
    arrayFirst(v -> v NOT IN ('', '-'), [LogAttributes['response_code'], LogAttributes['http.response.status_code'],
        LogAttributes['http.status_code'], LogAttributes['response.code']]) AS code_text,
    arrayFirst(v -> v NOT IN ('', '-'), [LogAttributes['method'], LogAttributes['http.request.method'],
        LogAttributes['http.method'], LogAttributes['request.method']]) AS method_text,
    arrayFirst(v -> v NOT IN ('', '-'), [LogAttributes['source.workload'], LogAttributes['source_workload'],
        LogAttributes['source.workload.name']]) AS source_workload,
    arrayFirst(v -> v NOT IN ('', '-'), [LogAttributes['destination.workload'], LogAttributes['destination_workload'],
        LogAttributes['destination.workload.name']]) AS destination_workload
SELECT
    Timestamp,
    TraceId,
    SpanId,
    ServiceName,
    source_workload AS SourceWorkload,
    arrayFirst(v -> v NOT IN ('', '-'), [LogAttributes['source.namespace'], LogAttributes['source_namespace'],
        LogAttributes['source.workload.namespace'], LogAttributes['source_workload_namespace']]) AS SourceNamespace,
    destination_workload AS DestinationWorkload,
    arrayFirst(v -> v NOT IN ('', '-'), [LogAttributes['destination.namespace'], LogAttributes['destination_namespace'],
        LogAttributes['destination.workload.namespace'], LogAttributes['destination_workload_namespace']]) AS DestinationNamespace,
    toUInt16OrZero(code_text) AS ResponseCode,
    method_text AS Method,
    arrayFirst(v -> v NOT IN ('', '-'), [LogAttributes['path'], LogAttributes['url.path'],
        LogAttributes['http.target'], LogAttributes['request.path']]) AS Path,
    toUInt64(greatest(round(toFloat64OrZero(LogAttributes['duration']) * 1000000), 0)) AS Duration,
    LogAttributes AS Attributes
FROM `${database}`.otel_logs
WHERE code_text != '' AND (method_text != '' OR source_workload != '' OR destination_workload != '');
