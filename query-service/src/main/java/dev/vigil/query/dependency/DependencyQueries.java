package dev.vigil.query.dependency;

import dev.vigil.store.schema.Tables;

/**
 * The SQL of the dependency graph, over Vigil's views {@code vigil_dependency_spans} (V0011) and
 * {@code vigil_span_stats_1m} (V0010), and its rollup per minute (V0016) and per block of ten minutes (V0019). Inputs
 * are server-side parameters only.
 */
final class DependencyQueries {

    private DependencyQueries() {
    }

    /**
     * One row per edge and its quantile state, from the caller spans of up to two intervals, {@code headFromNanos} to
     * {@code headToNanos} and {@code tailFromNanos} to {@code tailToNanos} (an interval may be empty). A caller span
     * (Client, Producer) is a call; its callee is the Server or Consumer span whose parent it is, looked for from
     * {@code slackNanos} before its interval to {@code slackNanos} after it (clock skew, calls still running at its
     * end). With a callee in another service the edge goes to that service; without one, to the peer its attributes
     * name. Calls to the caller's own service and calls naming no peer are no edges. An edge's errors are calls
     * where the caller or the callee span has status ERROR; its latency is the caller span's duration, as a
     * DDSketch (V0019: quantiles within 1 % of their value, merged exactly and cheaply over an hour of minutes). Both the live
     * graph and the rollup of a minute ({@link #ROLL_UP_MINUTE}) are this query.
     */
    private static final String EDGE_STATES = """
            SELECT
                c.ServiceName AS Source,
                if(s.ServiceName != '', s.ServiceName, c.Peer) AS Target,
                if(s.ServiceName != '', 'service', c.PeerKind) AS TargetKind,
                toUInt64(count()) AS Calls,
                toUInt64(countIf(c.IsError = 1 OR s.IsError = 1)) AS Errors,
                quantilesDDState(0.01, 0.5, 0.95, 0.99)(c.Duration) AS Latency
            FROM (
                SELECT CallKey, ServiceName, Peer, PeerKind, Duration, IsError
                FROM """ + " " + Tables.DEPENDENCY_SPANS + """

                WHERE Side = 'caller'
                  AND ((Timestamp >= fromUnixTimestamp64Nano({headFromNanos:Int64})
                        AND Timestamp < fromUnixTimestamp64Nano({headToNanos:Int64}))
                    OR (Timestamp >= fromUnixTimestamp64Nano({tailFromNanos:Int64})
                        AND Timestamp < fromUnixTimestamp64Nano({tailToNanos:Int64})))
            ) AS c
            LEFT JOIN (
                SELECT CallKey, any(ServiceName) AS ServiceName, max(IsError) AS IsError
                FROM """ + " " + Tables.DEPENDENCY_SPANS + """

                WHERE Side = 'callee'
                  AND ((Timestamp >= fromUnixTimestamp64Nano({headFromNanos:Int64} - {slackNanos:Int64})
                        AND Timestamp < fromUnixTimestamp64Nano({headToNanos:Int64} + {slackNanos:Int64})
                        AND {headFromNanos:Int64} < {headToNanos:Int64})
                    OR (Timestamp >= fromUnixTimestamp64Nano({tailFromNanos:Int64} - {slackNanos:Int64})
                        AND Timestamp < fromUnixTimestamp64Nano({tailToNanos:Int64} + {slackNanos:Int64})
                        AND {tailFromNanos:Int64} < {tailToNanos:Int64}))
                GROUP BY CallKey
            ) AS s ON c.CallKey = s.CallKey
            GROUP BY Source, Target, TargetKind
            HAVING Target != '' AND Target != Source
            """;

    /**
     * The rows of {@code edges} whose key column {@code key} ({@code Minute} or {@code Block}) lies from {@code from}
     * to {@code to} (SQL expressions of DateTime) and is not excluded by {@code filter}, each key in its latest
     * generation as {@code rollups} records it (V0016). One row per edge of a generation: two replicas rolling up the
     * same minute at once may both store it (deduplication tokens do not guard concurrent inserts), and their rows
     * are equal. LIMIT BY rather than GROUP BY with any(): any() of a latency state copies it, which took about as
     * long as merging the hour's states (docs/performance.md, "Query").
     */
    private static String latestGenerations(String edges, String rollups, String key, String from, String to,
            String filter) {
        String range = key + " >= " + from + " AND " + key + " < " + to;
        return "SELECT Source, Target, TargetKind, Calls, Errors, Latency\n"
                + "FROM " + edges + "\n"
                + "WHERE " + range + filter + "\n"
                + "  AND (" + key + ", Callers) IN (SELECT " + key + ", max(Callers) FROM " + rollups
                + " WHERE " + range + " GROUP BY " + key + ")\n"
                + "LIMIT 1 BY " + key + ", Callers, Source, TargetKind, Target\n";
    }

    /**
     * One row per edge: the rolled-up blocks from {@code blockFrom} to {@code blockTo} and the rolled-up minutes from
     * {@code rolledFrom} to {@code rolledTo} outside them (epoch seconds; each minute's and block's latest generation,
     * see V0016 and V0019), merged with the live {@link #EDGE_STATES} of the head and tail intervals around them. The
     * API orders edges by source and target node id. Parameters: those of {@link #EDGE_STATES}, {@code rolledFrom},
     * {@code rolledTo}, {@code blockFrom}, {@code blockTo} (equal when no block is read).
     */
    static final String EDGES = """
            SELECT
                Source,
                Target,
                TargetKind,
                toInt64(sum(Calls)) AS Calls,
                toInt64(sum(Errors)) AS Errors,
                quantilesDDMerge(0.01, 0.5, 0.95, 0.99)(Latency) AS Latency
            FROM (
            """ + latestGenerations(Tables.DEPENDENCY_EDGES_1M, Tables.DEPENDENCY_ROLLUPS, "Minute",
                    "toDateTime({rolledFrom:UInt32})", "toDateTime({rolledTo:UInt32})",
                    " AND NOT (Minute >= toDateTime({blockFrom:UInt32}) AND Minute < toDateTime({blockTo:UInt32}))")
            + "UNION ALL\n"
            + latestGenerations(Tables.DEPENDENCY_EDGES_10M, Tables.DEPENDENCY_ROLLUPS_10M, "Block",
                    "toDateTime({blockFrom:UInt32})", "toDateTime({blockTo:UInt32})", "")
            + "UNION ALL\n"
            + EDGE_STATES + """
            )
            GROUP BY Source, Target, TargetKind
            ORDER BY Source, TargetKind, Target
            """;

    /**
     * Per whole minute from {@code fromMinute} to {@code toMinute} (epoch seconds) that has caller spans or a
     * rollup: its caller spans now (from the per-minute statistics, which the same inserts fill), as its latest
     * rollup counted them (0: not rolled up), and, on the first minute of a block of ten that lies in the range, as
     * the block's latest rollup counted the callers of its minutes (0: not rolled up). A minute whose two counts
     * agree is read from the rollup; a block whose count is the sum of its minutes' counts now, from its rollup.
     */
    static final String MINUTE_CALLERS = """
            SELECT
                toInt64(toUnixTimestamp(Minute)) AS Minute,
                toInt64(sum(CallersNow)) AS Callers,
                toInt64(max(RolledUp)) AS RolledUpCallers,
                toInt64(max(BlockRolledUp)) AS BlockRolledUpCallers
            FROM (
                SELECT Minute, Spans AS CallersNow, toUInt64(0) AS RolledUp, toUInt64(0) AS BlockRolledUp
                FROM """ + " " + Tables.SPAN_STATS_1M + """

                WHERE SpanKind IN ('Client', 'Producer')
                  AND Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
                UNION ALL
                SELECT Minute, toUInt64(0) AS CallersNow, Callers AS RolledUp, toUInt64(0) AS BlockRolledUp
                FROM """ + " " + Tables.DEPENDENCY_ROLLUPS + """

                WHERE Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
                UNION ALL
                SELECT Block AS Minute, toUInt64(0) AS CallersNow, toUInt64(0) AS RolledUp, Callers AS BlockRolledUp
                FROM """ + " " + Tables.DEPENDENCY_ROLLUPS_10M + """

                WHERE Block >= toDateTime({fromMinute:UInt32}) AND Block < toDateTime({toMinute:UInt32})
            )
            GROUP BY Minute
            ORDER BY Minute
            """;

    /**
     * Rolls up one minute ({@code minute}, epoch seconds): its edges as {@link #EDGE_STATES} of its caller spans,
     * tagged with {@code callers}, the caller spans it had when counted. Run with the minute's deduplication token.
     */
    static final String ROLL_UP_MINUTE = "INSERT INTO " + Tables.DEPENDENCY_EDGES_1M
            + " (Minute, Callers, Source, Target, TargetKind, Calls, Errors, Latency)\n"
            + "SELECT toDateTime({minute:UInt32}), {callers:UInt64}, Source, Target, TargetKind, Calls, Errors, Latency\n"
            + "FROM (\n" + EDGE_STATES + ")\nORDER BY Source, TargetKind, Target\n";

    /** Records that {@code minute} is rolled up with {@code callers} caller spans. */
    static final String RECORD_ROLLUP = "INSERT INTO " + Tables.DEPENDENCY_ROLLUPS + " (Minute, Callers)"
            + " SELECT toDateTime({minute:UInt32}), {callers:UInt64}";

    /**
     * Rolls up the block of ten minutes from {@code block} (epoch seconds, a multiple of 600): the sum of its
     * minutes' latest rollups, tagged with {@code callers}, the sum of their caller counts. Run with the block's
     * deduplication token, once every minute of the block is rolled up as it is now.
     */
    static final String ROLL_UP_BLOCK = "INSERT INTO " + Tables.DEPENDENCY_EDGES_10M
            + " (Block, Callers, Source, Target, TargetKind, Calls, Errors, Latency)\n"
            + "SELECT toDateTime({block:UInt32}), {callers:UInt64}, Source, Target, TargetKind,\n"
            + "    sum(Calls), sum(Errors), quantilesDDMergeState(0.01, 0.5, 0.95, 0.99)(Latency)\n"
            + "FROM (\n" + latestGenerations(Tables.DEPENDENCY_EDGES_1M, Tables.DEPENDENCY_ROLLUPS, "Minute",
                    "toDateTime({block:UInt32})", "toDateTime({block:UInt32} + 600)", "")
            + ")\nGROUP BY Source, Target, TargetKind\nORDER BY Source, TargetKind, Target\n";

    /** Records that {@code block} is rolled up with {@code callers} caller spans. */
    static final String RECORD_BLOCK_ROLLUP = "INSERT INTO " + Tables.DEPENDENCY_ROLLUPS_10M + " (Block, Callers)"
            + " SELECT toDateTime({block:UInt32}), {callers:UInt64}";

    /** Every service with spans in the whole minutes of the range. Parameters: {@code fromMinute}, {@code toMinute}. */
    static final String SERVICES = """
            SELECT ServiceName, toInt64(sum(Spans)) AS Spans, toInt64(sum(Errors)) AS Errors
            FROM """ + " " + Tables.SPAN_STATS_1M + """

            WHERE Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
            GROUP BY ServiceName
            ORDER BY ServiceName
            """;
}
