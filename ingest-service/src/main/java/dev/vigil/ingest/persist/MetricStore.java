package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.clickhouse.MetricRows;
import dev.vigil.ingest.clickhouse.MetricTableWriter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Metric data points into the five {@code otel_metrics_*} tables. A batch inserts every table it has
 * rows for under the one token, and is retried whole: tables stored before a failure deduplicate.
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
    public void insert(List<MetricRows> rows, String deduplicationToken) throws InterruptedException {
        writer.insert(MetricRows.concat(rows), deduplicationToken);
    }
}
