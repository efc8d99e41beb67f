package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.clickhouse.MetricRows;
import dev.vigil.ingest.clickhouse.MetricTableWriter;
import dev.vigil.store.schema.Tables;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Metric data points into the five {@code otel_metrics_*} tables: one insert per table (and day
 * window) that has rows. ClickHouse deduplicates per table, so the tables of one batch share its token.
 */
@Singleton
final class MetricStore implements SignalStore<MetricRows> {
    private final MetricTableWriter writer;

    MetricStore(MetricTableWriter writer) {
        this.writer = writer;
    }

    @Override
    public Signal signal() {
        return Signal.METRICS;
    }

    @Override
    public MetricRows decode(byte[] value) throws InvalidProtocolBufferException {
        return MetricRowMapper.rows(ExportMetricsServiceRequest.parseFrom(value));
    }

    @Override
    public int items(MetricRows rows) {
        return rows.size();
    }

    @Override
    public List<Insert> inserts(List<MetricRows> records) {
        List<Insert> inserts = new ArrayList<>();
        inserts.addAll(table(Tables.METRICS_GAUGE, records, MetricRows::gauges, g -> g.point().timeUnixNanos(),
                rows -> new MetricRows(rows, List.of(), List.of(), List.of(), List.of())));
        inserts.addAll(table(Tables.METRICS_SUM, records, MetricRows::sums, s -> s.point().timeUnixNanos(),
                rows -> new MetricRows(List.of(), rows, List.of(), List.of(), List.of())));
        inserts.addAll(table(Tables.METRICS_HISTOGRAM, records, MetricRows::histograms,
                h -> h.point().timeUnixNanos(), rows -> new MetricRows(List.of(), List.of(), rows, List.of(), List.of())));
        inserts.addAll(table(Tables.METRICS_EXPONENTIAL_HISTOGRAM, records, MetricRows::exponentialHistograms,
                h -> h.point().timeUnixNanos(), rows -> new MetricRows(List.of(), List.of(), List.of(), rows, List.of())));
        inserts.addAll(table(Tables.METRICS_SUMMARY, records, MetricRows::summaries, s -> s.point().timeUnixNanos(),
                rows -> new MetricRows(List.of(), List.of(), List.of(), List.of(), rows)));
        return inserts;
    }

    private <X> List<Insert> table(String table, List<MetricRows> records, Function<MetricRows, List<X>> column,
            ToLongFunction<X> time, Function<List<X>, MetricRows> asRows) {
        List<List<X>> rows = records.stream().map(column).toList();
        return Insert.byDays(table, rows, time,
                (selected, token) -> writer.insert(asRows.apply(LogStore.flatten(selected)), token));
    }
}
