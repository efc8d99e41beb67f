-- The query benchmark's spans, generated inside ClickHouse in the exporter schema: traces of eight spans
-- (entry service A: Server, Client -> B: Server, Client to PostgreSQL, Client -> C: Server, Producer to Kafka,
-- Internal) over 20 services with 10 operations each, 3 % failed traces, spread evenly over the hour from
-- startNanos. Parameters: startNanos, traceGapNanos, first, count (span numbers; first a multiple of 8).
INSERT INTO `{database}`.otel_traces
    (Timestamp, TraceId, SpanId, ParentSpanId, TraceState, SpanName, SpanKind, ServiceName, ResourceAttributes,
     ScopeName, ScopeVersion, SpanAttributes, Duration, StatusCode, StatusMessage)
SELECT
    fromUnixTimestamp64Nano(toInt64({startNanos:Int64} + t * {traceGapNanos:Int64} + k * 1000000)) AS Timestamp,
    concat(leftPad(lower(hex(cityHash64(t, 1))), 16, '0'), leftPad(lower(hex(cityHash64(t, 2))), 16, '0')) AS TraceId,
    leftPad(lower(hex(cityHash64(t, k, 3))), 16, '0') AS SpanId,
    if(k = 0, '', leftPad(lower(hex(cityHash64(t, parentK, 3))), 16, '0')) AS ParentSpanId,
    '' AS TraceState,
    [concat('GET /api/v1/op-', toString(t % 10)), 'HTTP POST', concat('POST /api/v1/op-', toString(t % 10)),
     'SELECT orders', 'HTTP POST', 'POST /charge', 'orders publish', 'render'][k + 1] AS SpanName,
    ['Server', 'Client', 'Server', 'Client', 'Client', 'Server', 'Producer', 'Internal'][k + 1] AS SpanKind,
    concat('service-', leftPad(toString(svc), 2, '0')) AS ServiceName,
    map('service.name', ServiceName, 'k8s.namespace.name', 'bench',
        'k8s.pod.name', concat(ServiceName, '-', toString(t % 3))) AS ResourceAttributes,
    'bench' AS ScopeName,
    '1.0.0' AS ScopeVersion,
    multiIf(
        k IN (0, 2, 5), map('http.request.method', 'GET', 'http.route', SpanName, 'customer.id', toString(t % 100000),
                            'http.response.status_code', if(failed, '500', '200')),
        k = 3, map('db.system', 'postgresql', 'db.operation.name', 'SELECT'),
        k = 6, map('messaging.system', 'kafka', 'messaging.destination.name', 'orders'),
        k IN (1, 4), map('server.address', concat('service-', leftPad(toString(peerSvc), 2, '0')),
                         'http.request.method', 'POST'),
        map('customer.id', toString(t % 100000))) AS SpanAttributes,
    toUInt64(200000 + cityHash64(t, k, 9) % intDiv(50000000, k + 1)) AS Duration,
    if(failed AND k IN (0, 2, 5), 'Error', 'Unset') AS StatusCode,
    if(failed AND k IN (0, 2, 5), 'upstream failed', '') AS StatusMessage
FROM (
    SELECT
        intDiv(number, 8) AS t,
        number % 8 AS k,
        [0, 0, 1, 2, 2, 4, 5, 5][k + 1] AS parentK,
        -- the service of each span: the trace's entry service A calls B, which calls C
        (t % 20 + [0, 0, 1, 1, 1, 2, 2, 2][k + 1] * (1 + t % 3)) % 20 AS svc,
        (t % 20 + [0, 1, 0, 0, 2, 0, 0, 0][k + 1] * (1 + t % 3)) % 20 AS peerSvc,
        cityHash64(t, 7) % 100 < 3 AS failed
    FROM numbers({first:UInt64}, {count:UInt64})
)
