package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Inserts metric rows into the five {@code otel_metrics_*} tables, one RowBinary INSERT per call and table, in
 * RowBinary encoded beforehand.
 *
 * <p>{@link #insert} returns only once ClickHouse confirmed the insert. ClickHouse deduplicates per table, so the
 * tables of one batch can share its token; when an insert fails after others succeeded, storing the batch again
 * with the same token stores the missing tables and nothing twice (see {@link TableInsert}).
 */
@Singleton
public final class MetricTableWriter {
    private static final List<String> POINT_COLUMNS = List.of(
            "ResourceAttributes", "ResourceSchemaUrl", "ScopeName", "ScopeVersion", "ScopeAttributes",
            "ScopeDroppedAttrCount", "ScopeSchemaUrl", "ServiceName", "MetricName", "MetricDescription",
            "MetricUnit", "Attributes", "StartTimeUnix", "TimeUnix");
    private static final List<String> EXEMPLAR_COLUMNS = List.of(
            "`Exemplars.FilteredAttributes`", "`Exemplars.TimeUnix`", "`Exemplars.Value`", "`Exemplars.SpanId`",
            "`Exemplars.TraceId`");
    static final List<String> GAUGE_COLUMNS = columns(List.of("Value", "Flags"), EXEMPLAR_COLUMNS);
    static final List<String> SUM_COLUMNS = columns(List.of("Value", "Flags"), EXEMPLAR_COLUMNS,
            List.of("AggregationTemporality", "IsMonotonic"));
    static final List<String> HISTOGRAM_COLUMNS = columns(List.of("Count", "Sum", "BucketCounts", "ExplicitBounds"),
            EXEMPLAR_COLUMNS, List.of("Flags", "Min", "Max", "AggregationTemporality"));
    static final List<String> EXPONENTIAL_HISTOGRAM_COLUMNS = columns(List.of("Count", "Sum", "Scale", "ZeroCount",
            "PositiveOffset", "PositiveBucketCounts", "NegativeOffset", "NegativeBucketCounts"), EXEMPLAR_COLUMNS,
            List.of("Flags", "Min", "Max", "AggregationTemporality"));
    static final List<String> SUMMARY_COLUMNS = columns(List.of("Count", "Sum", "`ValueAtQuantiles.Quantile`",
            "`ValueAtQuantiles.Value`", "Flags"));
    private static final Map<String, List<String>> COLUMNS = Map.of(
            Tables.METRICS_GAUGE, GAUGE_COLUMNS,
            Tables.METRICS_SUM, SUM_COLUMNS,
            Tables.METRICS_HISTOGRAM, HISTOGRAM_COLUMNS,
            Tables.METRICS_EXPONENTIAL_HISTOGRAM, EXPONENTIAL_HISTOGRAM_COLUMNS,
            Tables.METRICS_SUMMARY, SUMMARY_COLUMNS);

    private final Client client;
    private final ClickHouseConfig config;

    MetricTableWriter(Client client, ClickHouseConfig config) {
        this.client = client;
        this.config = config;
    }

    @SafeVarargs
    private static List<String> columns(List<String>... parts) {
        return Stream.concat(POINT_COLUMNS.stream(), Stream.of(parts).flatMap(List::stream)).toList();
    }

    /**
     * Stores the rows of the records in one of the five tables, or nothing when ClickHouse already stored a batch
     * under this token. Each record's rows of the table are RowBinary in the order
     * of its columns, as {@code dev.vigil.ingest.persist.MetricEncoder} writes them.
     *
     * @param table one of {@link Tables#METRIC_TABLES}
     * @throws InterruptedException when the calling thread is interrupted while waiting for ClickHouse
     * @throws ClickHouseInsertException when ClickHouse refused the insert, did not answer in time, or
     *         could not be reached
     */
    public void insert(String table, List<EncodedRows> records, String deduplicationToken)
            throws InterruptedException {
        List<String> columns = COLUMNS.get(table);
        if (columns == null) {
            throw new IllegalArgumentException(table + " is not a metrics table");
        }
        TableInsert.run(client, TableInsert.qualified(config, table), columns, records, deduplicationToken);
    }
}
