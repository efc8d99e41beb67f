package dev.vigil.query.dependency;

import dev.vigil.store.schema.Tables;

/**
 * The SQL of the dependency graph, over Vigil's views {@code vigil_dependency_spans} (V0011) and
 * {@code vigil_span_stats_1m} (V0010). Inputs are server-side parameters only.
 */
final class DependencyQueries {

    private DependencyQueries() {
    }

    /**
     * One row per edge. A caller span (Client, Producer) in the range is a call; its callee is the Server or
     * Consumer span whose parent it is, looked for from {@code calleeFromNanos} to {@code calleeToNanos} (the range
     * widened for clock skew and for calls still running at its end). With a callee in another service the edge
     * goes to that service; without one, to the peer its attributes name. Calls to the caller's own service and
     * calls naming no peer are no edges. An edge's errors are calls where the caller or the callee span has status
     * ERROR; its latency is the caller span's duration. The API orders edges by source and target node id.
     * Parameters: {@code fromNanos}, {@code toNanos}, {@code calleeFromNanos}, {@code calleeToNanos}.
     */
    static final String EDGES = """
            SELECT
                c.ServiceName AS Source,
                if(s.ServiceName != '', s.ServiceName, c.Peer) AS Target,
                if(s.ServiceName != '', 'service', c.PeerKind) AS TargetKind,
                toInt64(count()) AS Calls,
                toInt64(countIf(c.IsError = 1 OR s.IsError = 1)) AS Errors,
                quantiles(0.5, 0.95, 0.99)(c.Duration) AS Latency
            FROM (
                SELECT CallKey, ServiceName, Peer, PeerKind, Duration, IsError
                FROM """ + " " + Tables.DEPENDENCY_SPANS + """

                WHERE Side = 'caller'
                  AND Timestamp >= fromUnixTimestamp64Nano({fromNanos:Int64})
                  AND Timestamp < fromUnixTimestamp64Nano({toNanos:Int64})
            ) AS c
            LEFT JOIN (
                SELECT CallKey, any(ServiceName) AS ServiceName, max(IsError) AS IsError
                FROM """ + " " + Tables.DEPENDENCY_SPANS + """

                WHERE Side = 'callee'
                  AND Timestamp >= fromUnixTimestamp64Nano({calleeFromNanos:Int64})
                  AND Timestamp < fromUnixTimestamp64Nano({calleeToNanos:Int64})
                GROUP BY CallKey
            ) AS s ON c.CallKey = s.CallKey
            GROUP BY Source, Target, TargetKind
            HAVING Target != '' AND Target != Source
            ORDER BY Source, TargetKind, Target
            """;

    /** Every service with spans in the whole minutes of the range. Parameters: {@code fromMinute}, {@code toMinute}. */
    static final String SERVICES = """
            SELECT ServiceName, toInt64(sum(Spans)) AS Spans, toInt64(sum(Errors)) AS Errors
            FROM """ + " " + Tables.SPAN_STATS_1M + """

            WHERE Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
            GROUP BY ServiceName
            ORDER BY ServiceName
            """;
}
