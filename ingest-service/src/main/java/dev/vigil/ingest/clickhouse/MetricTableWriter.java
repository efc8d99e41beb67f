package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
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
     * under this token. Each record's rows of the table are as {@link #encode} wrote them.
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

    /**
     * Each table's rows in RowBinary, in the order of its columns, each with its time: encoded as a record is read,
     * a batch holds its rows as bytes rather than as objects.
     */
    public static EncodedMetrics encode(MetricRows rows) {
        return new EncodedMetrics(
                encode(rows.gauges(), MetricRows.Gauge::point, MetricTableWriter::writeGauge),
                encode(rows.sums(), MetricRows.Sum::point, MetricTableWriter::writeSum),
                encode(rows.histograms(), MetricRows.Histogram::point, MetricTableWriter::writeHistogram),
                encode(rows.exponentialHistograms(), MetricRows.ExponentialHistogram::point,
                        MetricTableWriter::writeExponentialHistogram),
                encode(rows.summaries(), MetricRows.Summary::point, MetricTableWriter::writeSummary));
    }

    private static <T> EncodedRows encode(List<T> rows, Function<T, MetricRows.Point> point,
            BiConsumer<T, RowBinaryBuffer> write) {
        if (rows.isEmpty()) {
            return EncodedRows.EMPTY;
        }
        RowsEncoder encoder = new RowsEncoder(rows.size() * 256);
        for (T row : rows) {
            write.accept(row, encoder.buffer());
            encoder.endRow(point.apply(row).timeUnixNanos());
        }
        return encoder.encoded();
    }

    private static void writeGauge(MetricRows.Gauge row, RowBinaryBuffer out) {
        writePoint(row.point(), out);
        out.float64(row.value());
        out.int32(row.point().flags());
        writeExemplars(row.exemplars(), out);
    }

    private static void writeSum(MetricRows.Sum row, RowBinaryBuffer out) {
        writePoint(row.point(), out);
        out.float64(row.value());
        out.int32(row.point().flags());
        writeExemplars(row.exemplars(), out);
        out.int32(row.aggregationTemporality());
        out.uint8(row.isMonotonic() ? 1 : 0);
    }

    private static void writeHistogram(MetricRows.Histogram row, RowBinaryBuffer out) {
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

    private static void writeExponentialHistogram(MetricRows.ExponentialHistogram row, RowBinaryBuffer out) {
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

    private static void writeSummary(MetricRows.Summary row, RowBinaryBuffer out) {
        writePoint(row.point(), out);
        out.int64(row.count());
        out.float64(row.sum());
        writeDoubles(row.quantiles(), out);
        writeDoubles(row.values(), out);
        out.int32(row.point().flags());
    }

    private static void writePoint(MetricRows.Point p, RowBinaryBuffer out) {
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
    private static void writeExemplars(List<MetricRows.Exemplar> exemplars, RowBinaryBuffer out) {
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

    private static void writeLongs(List<Long> values, RowBinaryBuffer out) {
        out.varUInt(values.size());
        for (long v : values) {
            out.int64(v);
        }
    }

    private static void writeDoubles(List<Double> values, RowBinaryBuffer out) {
        out.varUInt(values.size());
        for (double v : values) {
            out.float64(v);
        }
    }
}
