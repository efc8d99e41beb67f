package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Inserts metric rows into the five {@code otel_metrics_*} tables, one RowBinary INSERT per table that
 * has rows, all under the caller's deduplication token.
 *
 * <p>{@link #insert} returns only once ClickHouse confirmed every insert. ClickHouse deduplicates per
 * table, so one token serves all five; when an insert fails after others succeeded, calling again
 * with the same rows and token stores the missing tables and nothing twice (see {@link TableInsert}).
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

    private final Client client;
    private final String gaugeTable;
    private final String sumTable;
    private final String histogramTable;
    private final String exponentialHistogramTable;
    private final String summaryTable;

    MetricTableWriter(Client client, ClickHouseConfig config) {
        this.client = client;
        this.gaugeTable = TableInsert.qualified(config, Tables.METRICS_GAUGE);
        this.sumTable = TableInsert.qualified(config, Tables.METRICS_SUM);
        this.histogramTable = TableInsert.qualified(config, Tables.METRICS_HISTOGRAM);
        this.exponentialHistogramTable = TableInsert.qualified(config, Tables.METRICS_EXPONENTIAL_HISTOGRAM);
        this.summaryTable = TableInsert.qualified(config, Tables.METRICS_SUMMARY);
    }

    @SafeVarargs
    private static List<String> columns(List<String>... parts) {
        return Stream.concat(POINT_COLUMNS.stream(), Stream.of(parts).flatMap(List::stream)).toList();
    }

    /**
     * Stores the rows of every table that has some, or nothing where ClickHouse already stored a batch
     * under this token.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting for ClickHouse
     * @throws ClickHouseInsertException when ClickHouse refused an insert, did not answer in time, or
     *         could not be reached; tables inserted before it stay stored
     */
    public void insert(MetricRows rows, String deduplicationToken) throws InterruptedException {
        if (!rows.gauges().isEmpty()) {
            TableInsert.run(client, gaugeTable, GAUGE_COLUMNS, out -> writeGauges(rows.gauges(), out),
                    deduplicationToken);
        }
        if (!rows.sums().isEmpty()) {
            TableInsert.run(client, sumTable, SUM_COLUMNS, out -> writeSums(rows.sums(), out), deduplicationToken);
        }
        if (!rows.histograms().isEmpty()) {
            TableInsert.run(client, histogramTable, HISTOGRAM_COLUMNS, out -> writeHistograms(rows.histograms(), out),
                    deduplicationToken);
        }
        if (!rows.exponentialHistograms().isEmpty()) {
            TableInsert.run(client, exponentialHistogramTable, EXPONENTIAL_HISTOGRAM_COLUMNS,
                    out -> writeExponentialHistograms(rows.exponentialHistograms(), out), deduplicationToken);
        }
        if (!rows.summaries().isEmpty()) {
            TableInsert.run(client, summaryTable, SUMMARY_COLUMNS, out -> writeSummaries(rows.summaries(), out),
                    deduplicationToken);
        }
    }

    static void writeGauges(List<MetricRows.Gauge> rows, RowBinaryOutput out) throws IOException {
        for (MetricRows.Gauge row : rows) {
            writePoint(row.point(), out);
            out.float64(row.value());
            out.int32(row.point().flags());
            writeExemplars(row.exemplars(), out);
        }
    }

    static void writeSums(List<MetricRows.Sum> rows, RowBinaryOutput out) throws IOException {
        for (MetricRows.Sum row : rows) {
            writePoint(row.point(), out);
            out.float64(row.value());
            out.int32(row.point().flags());
            writeExemplars(row.exemplars(), out);
            out.int32(row.aggregationTemporality());
            out.uint8(row.isMonotonic() ? 1 : 0);
        }
    }

    static void writeHistograms(List<MetricRows.Histogram> rows, RowBinaryOutput out) throws IOException {
        for (MetricRows.Histogram row : rows) {
            writePoint(row.point(), out);
            out.int64(row.count());
            out.float64(row.sum());
            writeLongs(row.bucketCounts(), out);
            writeDoubles(row.explicitBounds(), out);
            writeExemplars(row.exemplars(), out);
            out.int32(row.point().flags());
            out.float64(row.min());
            out.float64(row.max());
            out.int32(row.aggregationTemporality());
        }
    }

    static void writeExponentialHistograms(List<MetricRows.ExponentialHistogram> rows, RowBinaryOutput out)
            throws IOException {
        for (MetricRows.ExponentialHistogram row : rows) {
            writePoint(row.point(), out);
            out.int64(row.count());
            out.float64(row.sum());
            out.int32(row.scale());
            out.int64(row.zeroCount());
            out.int32(row.positiveOffset());
            writeLongs(row.positiveBucketCounts(), out);
            out.int32(row.negativeOffset());
            writeLongs(row.negativeBucketCounts(), out);
            writeExemplars(row.exemplars(), out);
            out.int32(row.point().flags());
            out.float64(row.min());
            out.float64(row.max());
            out.int32(row.aggregationTemporality());
        }
    }

    static void writeSummaries(List<MetricRows.Summary> rows, RowBinaryOutput out) throws IOException {
        for (MetricRows.Summary row : rows) {
            writePoint(row.point(), out);
            out.int64(row.count());
            out.float64(row.sum());
            writeDoubles(row.quantiles(), out);
            writeDoubles(row.values(), out);
            out.int32(row.point().flags());
        }
    }

    private static void writePoint(MetricRows.Point p, RowBinaryOutput out) throws IOException {
        out.map(p.resourceAttributes());
        out.string(p.resourceSchemaUrl());
        out.string(p.scopeName());
        out.string(p.scopeVersion());
        out.map(p.scopeAttributes());
        out.int32(p.scopeDroppedAttrCount());
        out.string(p.scopeSchemaUrl());
        out.string(p.serviceName());
        out.string(p.metricName());
        out.string(p.metricDescription());
        out.string(p.metricUnit());
        out.map(p.attributes());
        out.dateTime(p.startTimeUnixNanos());
        out.dateTime(p.timeUnixNanos());
    }

    /** The Nested column as its five parallel arrays. */
    private static void writeExemplars(List<MetricRows.Exemplar> exemplars, RowBinaryOutput out) throws IOException {
        out.varUInt(exemplars.size());
        for (MetricRows.Exemplar e : exemplars) {
            out.map(e.filteredAttributes());
        }
        out.varUInt(exemplars.size());
        for (MetricRows.Exemplar e : exemplars) {
            out.dateTime(e.timeUnixNanos());
        }
        out.varUInt(exemplars.size());
        for (MetricRows.Exemplar e : exemplars) {
            out.float64(e.value());
        }
        out.varUInt(exemplars.size());
        for (MetricRows.Exemplar e : exemplars) {
            out.string(e.spanId());
        }
        out.varUInt(exemplars.size());
        for (MetricRows.Exemplar e : exemplars) {
            out.string(e.traceId());
        }
    }

    private static void writeLongs(List<Long> values, RowBinaryOutput out) throws IOException {
        out.varUInt(values.size());
        for (long v : values) {
            out.int64(v);
        }
    }

    private static void writeDoubles(List<Double> values, RowBinaryOutput out) throws IOException {
        out.varUInt(values.size());
        for (double v : values) {
            out.float64(v);
        }
    }
}
