package dev.vigil.query.services;

import dev.vigil.store.schema.Tables;

/**
 * The SQL of the services API, over Vigil's per-minute view {@code vigil_span_stats_1m} (V0010): a few rows per
 * service and minute instead of every span. Inputs are server-side parameters only.
 */
final class ServiceQueries {

    private ServiceQueries() {
    }

    /** Parameters: {@code fromMinute}, {@code toMinute} (Unix seconds), {@code after}, {@code limit}. */
    static final String SERVICES = """
            SELECT ServiceName, toInt64(sum(Spans)) AS Spans, toInt64(sum(Errors)) AS Errors
            FROM """ + " " + Tables.SPAN_STATS_1M + """

            WHERE Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
              AND ServiceName > {after:String}
            GROUP BY ServiceName
            ORDER BY ServiceName
            LIMIT {limit:UInt32}
            """;

    /**
     * Parameters: {@code service}, {@code fromMinute}, {@code toMinute}, {@code kind} (empty: every kind),
     * {@code afterName}, {@code afterKind}, {@code limit}.
     */
    static final String OPERATIONS = """
            SELECT SpanName, SpanKind, toInt64(sum(Spans)) AS Spans, toInt64(sum(Errors)) AS Errors
            FROM """ + " " + Tables.SPAN_STATS_1M + """

            WHERE ServiceName = {service:String}
              AND Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
              AND ({kind:String} = '' OR SpanKind = {kind:String})
              AND (SpanName, SpanKind) > ({afterName:String}, {afterKind:String})
            GROUP BY SpanName, SpanKind
            ORDER BY SpanName, SpanKind
            LIMIT {limit:UInt32}
            """;
}
