-- Rows that ClickHouse cannot keep as they are sent are refused by the insert itself, before any of it is
-- written, so that the persist stage can find them and send them to vigil.deadletter, and store the rest:
-- * A timestamp from 2106-02-07 on overflows the DateTime of the TTL expression: the row would count as expired
--   and be dropped without a word. The constraints refuse it (VIOLATED_CONSTRAINT).
-- * The access-log view turned Envoy's duration into nanoseconds with toUInt64, which fails on 'inf' or 'nan';
--   a view fails only after ClickHouse wrote the otel_logs rows, so no retry could have told the row apart.
--   Such a duration is now stored as 0, like one that is not a number.
-- Placeholders: ${database}. Every statement is idempotent: a file interrupted half-way is simply run again.

ALTER TABLE `${database}`.otel_traces ADD CONSTRAINT IF NOT EXISTS timestamp_before_2106
    CHECK Timestamp < toDateTime64('2106-02-07 06:28:15', 9, 'UTC');

ALTER TABLE `${database}`.otel_logs ADD CONSTRAINT IF NOT EXISTS timestamp_before_2106
    CHECK Timestamp < toDateTime64('2106-02-07 06:28:15', 9, 'UTC');

DROP VIEW IF EXISTS `${database}`.vigil_access_logs_mv;

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
        LogAttributes['destination.workload.name']]) AS destination_workload,
    round(toFloat64OrZero(LogAttributes['duration']) * 1000000) AS duration_nanos
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
    toUInt64(if(isFinite(duration_nanos) AND duration_nanos < 1.8e19, greatest(duration_nanos, 0), 0)) AS Duration,
    LogAttributes AS Attributes
FROM `${database}`.otel_logs
WHERE code_text != '' AND (method_text != '' OR source_workload != '' OR destination_workload != '');
