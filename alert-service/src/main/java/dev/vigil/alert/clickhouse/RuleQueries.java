package dev.vigil.alert.clickhouse;

import dev.vigil.store.schema.Tables;

/**
 * Every SQL statement rule evaluation runs, over the tables of the OpenTelemetry Collector ClickHouse
 * exporter schema. Input reaches ClickHouse only as server-side parameters ({@code {name:Type}}), their text
 * written by {@link dev.vigil.store.query.ServerParameters}; window
 * bounds are Unix milliseconds converted to the column's type: {@code DateTime64(9)} for spans and logs, so
 * that part pruning on their DateTime64(9) timestamps is exact, and whole seconds for the metric tables,
 * whose {@code TimeUnix} is a DateTime (a point's second is inside the window when the second is). The
 * database comes from the connection.
 */
final class RuleQueries {

    private RuleQueries() {
    }

    private static final String SPAN_WINDOW = """
            Timestamp >= toDateTime64(fromUnixTimestamp64Milli({fromMillis:Int64}), 9)
              AND Timestamp < toDateTime64(fromUnixTimestamp64Milli({toMillis:Int64}), 9)
            """;

    /**
     * Share of a service's spans (of one operation, when {@code operation} is not empty) whose status
     * is Error. No row when there is no span in the window (no data); NaN, which violates nothing, when
     * there are fewer than {@code minRequests}: quiet traffic is data, not its absence. Parameters:
     * service, operation, minRequests, fromMillis, toMillis.
     */
    static final String ERROR_RATE = """
            SELECT if(count() >= {minRequests:UInt64}, countIf(StatusCode = 'Error') / count(), nan) AS value
            FROM """ + " " + Tables.TRACES + """

            WHERE ServiceName = {service:String}
              AND ({operation:String} = '' OR SpanName = {operation:String})
              AND """ + " " + SPAN_WINDOW + """
            HAVING count() > 0
            """;

    /**
     * A quantile of span duration in milliseconds. The quantile level is a validated number between 0
     * and 1 formatted by the caller ({@code %s}): ClickHouse takes aggregate-function parameters as
     * literals only. Parameters: service, operation, fromMillis, toMillis.
     */
    static final String LATENCY_QUANTILE = """
            SELECT quantile(%s)(Duration) / 1000000 AS value
            FROM """ + " " + Tables.TRACES + """

            WHERE ServiceName = {service:String}
              AND ({operation:String} = '' OR SpanName = {operation:String})
              AND """ + " " + SPAN_WINDOW + """
            HAVING count() > 0
            """;

    /** Spans of a service in the window. Parameters: service, fromMillis, toMillis. */
    static final String SPAN_COUNT = """
            SELECT toFloat64(count()) AS value
            FROM """ + " " + Tables.TRACES + """

            WHERE ServiceName = {service:String}
              AND """ + " " + SPAN_WINDOW;

    /**
     * Matching log records. Parameters: service (empty: all), minSeverity, contains (empty: any body),
     * fromMillis, toMillis.
     */
    static final String LOG_COUNT = """
            SELECT toFloat64(count()) AS value
            FROM """ + " " + Tables.LOGS + """

            WHERE ({service:String} = '' OR ServiceName = {service:String})
              AND SeverityNumber >= {minSeverity:UInt8}
              AND ({contains:String} = '' OR positionCaseInsensitiveUTF8(Body, {contains:String}) > 0)
              AND """ + " " + SPAN_WINDOW;

    private static final String METRIC_POINTS = """
            SELECT TimeUnix, Value, Attributes, ServiceName FROM """ + " " + Tables.METRICS_GAUGE + """

            WHERE MetricName = {metric:String}
              AND TimeUnix >= toDateTime(intDiv({fromMillis:Int64}, 1000))
              AND TimeUnix <= toDateTime(intDiv({toMillis:Int64}, 1000))
            UNION ALL
            SELECT TimeUnix, Value, Attributes, ServiceName FROM """ + " " + Tables.METRICS_SUM + """

            WHERE MetricName = {metric:String}
              AND TimeUnix >= toDateTime(intDiv({fromMillis:Int64}, 1000))
              AND TimeUnix <= toDateTime(intDiv({toMillis:Int64}, 1000))
            """;

    /**
     * A gauge or sum metric's points in the window whose attributes have the filter's values, aggregated
     * per value combination of the groupBy attributes. {@code %s} is the aggregate expression, chosen by
     * the caller from a fixed set ({@link #aggregate}). Parameters: metric, filter (attribute to value),
     * groupBy (attribute names), fromMillis, toMillis.
     */
    static final String METRIC_THRESHOLD = """
            SELECT arrayMap(k -> Attributes[k], {groupBy:Array(String)}) AS GroupValues,
                   %s AS value
            FROM (""" + METRIC_POINTS + """
            )
            WHERE arrayAll((k, v) -> Attributes[k] = v,
                           mapKeys({filter:Map(String, String)}),
                           mapValues({filter:Map(String, String)}))
            GROUP BY GroupValues
            """;

    /** Points of a metric in the window. Parameters: metric, fromMillis, toMillis. */
    static final String METRIC_COUNT = "SELECT toFloat64(count()) AS value FROM (" + METRIC_POINTS + ")";

    /** The aggregate expression of each aggregation, for {@link #METRIC_THRESHOLD}. */
    static String aggregate(dev.vigil.alert.condition.Aggregation aggregation) {
        return switch (aggregation) {
            case AVG -> "avg(Value)";
            case MIN -> "min(Value)";
            case MAX -> "max(Value)";
            case SUM -> "sum(Value)";
            case COUNT -> "toFloat64(count())";
            case LAST -> "argMax(Value, TimeUnix)";
        };
    }
}
