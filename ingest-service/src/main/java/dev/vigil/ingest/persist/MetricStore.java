package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.clickhouse.EncodedMetrics;
import dev.vigil.ingest.clickhouse.EncodedRows;
import dev.vigil.ingest.clickhouse.MetricTableWriter;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Metric data points into the five {@code otel_metrics_*} tables, encoded to RowBinary as each record is read: one
 * insert per table (and day window) that has rows. ClickHouse deduplicates per table, so the tables of one batch
 * share its token.
 */
@Singleton
final class MetricStore implements SignalStore<EncodedMetrics> {
    private final MetricTableWriter writer;

    MetricStore(MetricTableWriter writer) {
        this.writer = writer;
    }

    @Override
    public Signal signal() {
        return Signal.METRICS;
    }

    @Override
    public EncodedMetrics decode(byte[] value) throws InvalidProtocolBufferException {
        return MetricEncoder.encode(value);
    }

    @Override
    public int items(EncodedMetrics rows) {
        return rows.points();
    }

    @Override
    public List<Insert> inserts(List<EncodedMetrics> records) {
        List<Insert> inserts = new ArrayList<>();
        inserts.addAll(table(Tables.METRICS_GAUGE, records, EncodedMetrics::gauges));
        inserts.addAll(table(Tables.METRICS_SUM, records, EncodedMetrics::sums));
        inserts.addAll(table(Tables.METRICS_HISTOGRAM, records, EncodedMetrics::histograms));
        inserts.addAll(table(Tables.METRICS_EXPONENTIAL_HISTOGRAM, records, EncodedMetrics::exponentialHistograms));
        inserts.addAll(table(Tables.METRICS_SUMMARY, records, EncodedMetrics::summaries));
        return inserts;
    }

    private List<Insert> table(String table, List<EncodedMetrics> records, Function<EncodedMetrics, EncodedRows> rows) {
        return Insert.byDays(table, records.stream().map(rows).toList(),
                (selected, token) -> writer.insert(table, selected, token));
    }
}
