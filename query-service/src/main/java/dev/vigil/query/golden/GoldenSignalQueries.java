package dev.vigil.query.golden;

import dev.vigil.store.schema.Tables;

/**
 * The SQL of the golden signals, over Vigil's per-minute views {@code vigil_span_stats_1m} (V0010) and, for the
 * summary of every service, {@code vigil_service_requests_1m} (V0016). A request is a Server or Consumer span; an
 * error is one with status ERROR. Inputs are server-side parameters only.
 */
final class GoldenSignalQueries {

    private GoldenSignalQueries() {
    }

    /**
     * One row per bucket of {@code step} seconds that has requests, buckets counted from {@code fromMinute}.
     * Parameters: {@code service}, {@code operation} (empty: all), {@code fromMinute}, {@code toMinute}, {@code step}.
     */
    static final String SERIES = """
            SELECT
                toInt64({fromMinute:UInt32}) + intDiv(toInt64(toUnixTimestamp(Minute)) - {fromMinute:UInt32},
                                                    {step:UInt32}) * {step:UInt32} AS Bucket,
                toInt64(sum(Spans)) AS Requests,
                toInt64(sum(Errors)) AS Errors,
                quantilesMerge(0.5, 0.9, 0.95, 0.99)(DurationQuantiles) AS Latency
            FROM """ + " " + Tables.SPAN_STATS_1M + """

            WHERE ServiceName = {service:String}
              AND SpanKind IN ('Server', 'Consumer')
              AND ({operation:String} = '' OR SpanName = {operation:String})
              AND Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
            GROUP BY Bucket
            ORDER BY Bucket
            """;

    /**
     * One row per service with requests in the range, from the per-service view {@code vigil_service_requests_1m}
     * (V0016): one t-digest state per service and minute. Read only where {@link #REQUESTS_VIEW_COMPLETE} says so.
     * Parameters: {@code fromMinute}, {@code toMinute}.
     */
    static final String SUMMARY = """
            SELECT
                ServiceName,
                toInt64(sum(Requests)) AS Requests,
                toInt64(sum(Errors)) AS Errors,
                quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(DurationTDigest) AS Latency
            FROM """ + " " + Tables.SERVICE_REQUESTS_1M + """

            WHERE Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
            GROUP BY ServiceName
            ORDER BY ServiceName
            """;

    /**
     * 1 when {@code vigil_service_requests_1m} holds every request of the range, that is, it counts as many per
     * minute as {@code vigil_span_stats_1m}, which the same inserts fill; 0 for a range stored (partly) before the
     * view existed. Parameters: {@code fromMinute}, {@code toMinute}.
     */
    static final String REQUESTS_VIEW_COMPLETE = """
            SELECT toUInt8(countIf(InStats != InView) = 0) AS Complete
            FROM (
                SELECT Minute, sum(InStats) AS InStats, sum(InView) AS InView
                FROM (
                    SELECT Minute, Spans AS InStats, toUInt64(0) AS InView
                    FROM """ + " " + Tables.SPAN_STATS_1M + """

                    WHERE SpanKind IN ('Server', 'Consumer')
                      AND Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
                    UNION ALL
                    SELECT Minute, toUInt64(0) AS InStats, Requests AS InView
                    FROM """ + " " + Tables.SERVICE_REQUESTS_1M + """

                    WHERE Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
                )
                GROUP BY Minute
            )
            """;

    /**
     * {@link #SUMMARY} from the per-operation view, for a range {@code vigil_service_requests_1m} does not hold
     * whole: reservoir states, exact up to 8192 requests. Parameters: {@code fromMinute}, {@code toMinute}.
     */
    static final String SUMMARY_FROM_OPERATIONS = """
            SELECT
                ServiceName,
                toInt64(sum(Spans)) AS Requests,
                toInt64(sum(Errors)) AS Errors,
                quantilesMerge(0.5, 0.9, 0.95, 0.99)(DurationQuantiles) AS Latency
            FROM """ + " " + Tables.SPAN_STATS_1M + """

            WHERE SpanKind IN ('Server', 'Consumer')
              AND Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
            GROUP BY ServiceName
            ORDER BY ServiceName
            """;

    /**
     * Every service's buckets and its total over the range, in one read of the view: the grouping set
     * {@code (ServiceName, Bucket)} gives the buckets, {@code (ServiceName)} the totals (whose quantiles cannot be
     * derived from the buckets'). {@code Total} is 1 on the total rows. Only buckets with requests have rows.
     * Parameters: {@code fromMinute}, {@code toMinute}, {@code step}.
     */
    static final String SERVICES = """
            SELECT
                ServiceName,
                toInt64({fromMinute:UInt32}) + intDiv(toInt64(toUnixTimestamp(Minute)) - {fromMinute:UInt32},
                                                    {step:UInt32}) * {step:UInt32} AS Bucket,
                toUInt8(grouping(Bucket) != 0) AS Total,
                toInt64(sum(Spans)) AS Requests,
                toInt64(sum(Errors)) AS Errors,
                quantilesMerge(0.5, 0.9, 0.95, 0.99)(DurationQuantiles) AS Latency
            FROM """ + " " + Tables.SPAN_STATS_1M + """

            WHERE SpanKind IN ('Server', 'Consumer')
              AND Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
            GROUP BY GROUPING SETS ((ServiceName, Bucket), (ServiceName))
            ORDER BY ServiceName, Total, Bucket
            SETTINGS force_grouping_standard_compatibility = 1
            """;

    /**
     * One row per operation (span name and kind) of a service with spans in the range, the busiest first. Every span
     * kind counts: an operation's requests are its spans. Parameters: {@code service}, {@code fromMinute},
     * {@code toMinute}.
     */
    static final String OPERATIONS = """
            SELECT
                SpanName,
                SpanKind,
                toInt64(sum(Spans)) AS Requests,
                toInt64(sum(Errors)) AS Errors,
                quantilesMerge(0.5, 0.9, 0.95, 0.99)(DurationQuantiles) AS Latency
            FROM """ + " " + Tables.SPAN_STATS_1M + """

            WHERE ServiceName = {service:String}
              AND Minute >= toDateTime({fromMinute:UInt32}) AND Minute < toDateTime({toMinute:UInt32})
            GROUP BY SpanName, SpanKind
            ORDER BY Requests DESC, SpanName, SpanKind
            """;
}
