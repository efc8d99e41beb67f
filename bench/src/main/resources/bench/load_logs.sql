-- The log search benchmark's records, generated inside ClickHouse in the exporter schema: one every traceGapNanos
-- from startNanos, over 20 services, mostly INFO. Each body holds three words of a vocabulary of 64 (so a word is in
-- about one record in twenty), an order id of a million (each in about ten records of ten million) and a duration.
-- Parameters: startNanos, gapNanos, first, count (record numbers).
INSERT INTO `{database}`.otel_logs
    (Timestamp, TraceId, SpanId, TraceFlags, SeverityText, SeverityNumber, ServiceName, Body, ResourceAttributes,
     ScopeName, LogAttributes)
SELECT
    fromUnixTimestamp64Nano(toInt64({startNanos:Int64} + n * {gapNanos:Int64})) AS Timestamp,
    concat(leftPad(lower(hex(cityHash64(n, 1))), 16, '0'), leftPad(lower(hex(cityHash64(n, 2))), 16, '0')) AS TraceId,
    leftPad(lower(hex(cityHash64(n, 3))), 16, '0') AS SpanId,
    1 AS TraceFlags,
    ['INFO', 'INFO', 'INFO', 'INFO', 'INFO', 'INFO', 'WARN', 'DEBUG', 'DEBUG', 'ERROR'][n % 10 + 1] AS SeverityText,
    [9, 9, 9, 9, 9, 9, 13, 5, 5, 17][n % 10 + 1] AS SeverityNumber,
    concat('logsearch-', leftPad(toString(n % 20), 2, '0')) AS ServiceName,
    concat(words[cityHash64(n, 4) % 64 + 1], ' ', words[cityHash64(n, 5) % 64 + 1], ' for order-',
           toString(cityHash64(n, 6) % 1000000), ' via ', words[cityHash64(n, 7) % 64 + 1], ' took ',
           toString(cityHash64(n, 8) % 2000), ' ms') AS Body,
    map('service.name', ServiceName, 'k8s.namespace.name', 'bench') AS ResourceAttributes,
    'bench' AS ScopeName,
    map('thread.name', concat('worker-', toString(n % 32)), 'tenant', concat('tenant-', toString(n % 20))) AS LogAttributes
FROM (
    SELECT number AS n,
        ['checkout', 'inventory', 'catalog', 'payment', 'declined', 'shipping', 'warehouse', 'cache', 'miss',
         'postgres', 'redis', 'kafka', 'timeout', 'retry', 'session', 'login', 'logout', 'cart', 'pricing',
         'discount', 'coupon', 'invoice', 'refund', 'search', 'recommendation', 'frontend', 'gateway', 'upstream',
         'downstream', 'latency', 'throttled', 'quota', 'tenant', 'region', 'replica', 'primary', 'failover',
         'snapshot', 'backup', 'restore', 'schema', 'migration', 'index', 'query', 'slow', 'fast', 'batch',
         'stream', 'consumer', 'producer', 'partition', 'offset', 'commit', 'rollback', 'deadlock', 'lock',
         'mutex', 'thread', 'pool', 'exhausted', 'connection', 'reset', 'refused', 'handshake'] AS words
    FROM numbers({first:UInt64}, {count:UInt64})
)
