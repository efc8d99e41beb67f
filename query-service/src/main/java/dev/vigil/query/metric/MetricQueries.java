package dev.vigil.query.metric;

import dev.vigil.store.schema.Tables;

/**
 * The SQL of the metrics API over the exporter's {@code otel_metrics_*} tables (V0003; TimeUnix is whole seconds).
 * Statement text is assembled only from these constants; every value is a server-side parameter.
 */
final class MetricQueries {

    private MetricQueries() {
    }

    private static final String WINDOW = "TimeUnix >= toDateTime({from:UInt32}) AND TimeUnix < toDateTime({to:UInt32})";
    private static final String CATALOGUE_PART = """
            SELECT MetricName, %s AS Type, MetricUnit, MetricDescription, mapKeys(Attributes) AS Keys,
                   mapKeys(ResourceAttributes) AS ResourceKeys
            FROM %s WHERE %s AND ({service:String} = '' OR ServiceName = {service:String})
              AND ({name:String} = '' OR MetricName = {name:String})
            """;

    /**
     * Names, types, units and label keys of the metrics with points in the window, by name then type.
     * Parameters: {@code from}, {@code to} (Unix seconds), {@code service}, {@code name} (empty: all),
     * {@code afterName}, {@code afterType}, {@code limit}.
     */
    static final String CATALOGUE = "SELECT MetricName, Type, any(MetricUnit) AS Unit, any(MetricDescription) AS "
            + "Description, arraySort(groupUniqArrayArray(Keys)) AS LabelKeys, "
            + "arraySort(groupUniqArrayArray(ResourceKeys)) AS ResourceKeys FROM (\n"
            + String.format(CATALOGUE_PART, "'gauge'", Tables.METRICS_GAUGE, WINDOW) + "UNION ALL\n"
            + String.format(CATALOGUE_PART, "if(IsMonotonic, 'counter', 'sum')", Tables.METRICS_SUM, WINDOW)
            + "UNION ALL\n"
            + String.format(CATALOGUE_PART, "'histogram'", Tables.METRICS_HISTOGRAM, WINDOW) + "UNION ALL\n"
            + String.format(CATALOGUE_PART, "'exponential_histogram'", Tables.METRICS_EXPONENTIAL_HISTOGRAM, WINDOW)
            + "UNION ALL\n"
            + String.format(CATALOGUE_PART, "'summary'", Tables.METRICS_SUMMARY, WINDOW)
            + ")\nWHERE (MetricName, Type) > ({afterName:String}, {afterType:String})\n"
            + "GROUP BY MetricName, Type\nORDER BY MetricName, Type\nLIMIT {limit:UInt32}\n";

    /**
     * A label's value: {@code service.name} is the ServiceName column, {@code resource.KEY} a resource attribute
     * (as in filters; Kubernetes pods and nodes are resource attributes), any other key a point attribute.
     */
    private static final String GROUP_VALUES = "arrayMap(k -> multiIf(k = 'service.name', ServiceName, "
            + "startsWith(k, 'resource.'), ResourceAttributes[substring(k, 10)], Attributes[k]), {groupBy:Array(String)})";
    private static final String BUCKET =
            "toInt64({from:UInt32}) + intDiv(toInt64(toUnixTimestamp(TimeUnix)) - {from:UInt32}, {step:UInt32}) * {step:UInt32}";

    /** Filters: %s is one of the fixed filter templates below, repeated; never input. */
    static final String FILTER_LABEL = "  AND if({filterKey%1$d:String} = 'service.name', ServiceName, "
            + "Attributes[{filterKey%1$d:String}]) = {filterValue%1$d:String}\n";
    static final String FILTER_RESOURCE = "  AND ResourceAttributes[{filterKey%1$d:String}] = {filterValue%1$d:String}\n";

    /**
     * Gauge and sum points aggregated per bucket and group. %1$s: the aggregate over Value (a constant of
     * {@link MetricAggregation}); %2$s: the table; %3$s: the filters.
     */
    static final String POINTS = "SELECT " + BUCKET + " AS Bucket, " + GROUP_VALUES + " AS GroupValues,\n"
            + "       toFloat64(%1$s) AS V\n"
            + "FROM %2$s\nWHERE MetricName = {name:String} AND " + WINDOW + "\n%3$s"
            + "GROUP BY Bucket, GroupValues\nORDER BY GroupValues, Bucket\n";

    /**
     * The per-second rate of a monotonic sum, or of a histogram's count of observations, per bucket and group: each
     * point's increase over the series' point before (a decrease is a reset: the new value is the increase); a
     * series' first point in the window counts whole only when the series started in the window. Delta temporality
     * points are increases already. %1$s: the filters; %2$s and %3$s: {@link #RATE_OF_SUM} or
     * {@link #RATE_OF_HISTOGRAM}.
     */
    static final String RATE = "SELECT Bucket, GroupValues, sum(Increase) / {step:UInt32} AS V FROM (\n"
            + "  SELECT " + BUCKET + " AS Bucket, " + GROUP_VALUES + " AS GroupValues, %2$s AS Counted,\n"
            + "    lagInFrame(Counted, 1, nan) OVER (PARTITION BY cityHash64(ServiceName, ResourceAttributes, Attributes)"
            + " ORDER BY TimeUnix ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS Previous,\n"
            + "    multiIf(AggregationTemporality = 1, Counted,\n"
            + "            isNaN(Previous), if(StartTimeUnix >= toDateTime({from:UInt32}), Counted, 0),\n"
            + "            Counted < Previous, Counted, Counted - Previous) AS Increase\n"
            + "  %3$s AND " + WINDOW + "\n%1$s"
            + ")\nGROUP BY Bucket, GroupValues\nORDER BY GroupValues, Bucket\n";
    /** What {@link #RATE} counts (a column) and where (the table and the metric's points in it); constants only. */
    record RateOf(String counted, String points) {
    }

    /** A monotonic sum's value. */
    static final RateOf RATE_OF_SUM = new RateOf("Value",
            "FROM " + Tables.METRICS_SUM + "\n  WHERE MetricName = {name:String} AND IsMonotonic");
    /** A histogram's observations: requests, for a request duration. */
    static final RateOf RATE_OF_HISTOGRAM = new RateOf("toFloat64(Count)",
            "FROM " + Tables.METRICS_HISTOGRAM + "\n  WHERE MetricName = {name:String}");

    /**
     * Histogram bucket counts per bucket and group: each point's increase over the series' point before, as for
     * {@link #RATE}, summed bucket by bucket. %1$s: the filters.
     */
    static final String HISTOGRAM = "SELECT Bucket, GroupValues, sumForEach(Increase) AS Counts, "
            + "any(ExplicitBounds) AS Bounds FROM (\n"
            + "  SELECT " + BUCKET + " AS Bucket, " + GROUP_VALUES + " AS GroupValues, ExplicitBounds,\n"
            + "    row_number() OVER w AS Nth,\n"
            + "    lagInFrame(BucketCounts, 1, BucketCounts) OVER w AS Previous,\n"
            + "    multiIf(AggregationTemporality = 1, arrayMap(c -> toInt64(c), BucketCounts),\n"
            + "            Nth = 1, arrayMap(c -> if(StartTimeUnix >= toDateTime({from:UInt32}), toInt64(c), toInt64(0)),"
            + " BucketCounts),\n"
            + "            length(Previous) != length(BucketCounts) OR arrayExists((c, p) -> c < p, BucketCounts, Previous),"
            + " arrayMap(c -> toInt64(c), BucketCounts),\n"
            + "            arrayMap((c, p) -> toInt64(c) - toInt64(p), BucketCounts, Previous)) AS Increase\n"
            + "  FROM " + Tables.METRICS_HISTOGRAM + "\n"
            + "  WHERE MetricName = {name:String} AND " + WINDOW + "\n%1$s"
            + "  WINDOW w AS (PARTITION BY cityHash64(ServiceName, ResourceAttributes, Attributes) ORDER BY TimeUnix"
            + " ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)\n"
            + ")\nGROUP BY Bucket, GroupValues\nORDER BY GroupValues, Bucket\n";
}
