package dev.vigil.bench.ingest;

import com.clickhouse.client.api.Client;
import dev.vigil.ingest.clickhouse.EncodedRows;
import dev.vigil.ingest.clickhouse.TraceTableWriter;
import dev.vigil.ingest.persist.SpanEncoder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: the same spans, encoded to the same rows by the persist stage's encoder, inserted with
 * its writer in batches of the persist stage's size, from one thread, straight into a copy of
 * {@code otel_traces} (with its trace-id lookup table and view) in a database of its own. What the
 * pipeline adds over this is OTLP/HTTP, Kafka and the consumer.
 *
 * <p>All requests are encoded before the clock starts: the figure times the inserts alone, where the
 * persist stage also decodes and encodes each record. A batch is whole requests, as the persist
 * stage's is whole records, closed once it holds at least the batch size in rows.
 */
final class RawInsertBaseline {
    static final String DATABASE = "vigil_bench";

    record Result(double rowsPerSecond, double bytesPerRow) {
    }

    private RawInsertBaseline() {
    }

    static Result run(ClickHouseFigures ch, String database, List<ExportTraceServiceRequest> requests, int batchRows)
            throws InterruptedException {
        createCopy(ch, database);
        List<EncodedRows> encoded = new ArrayList<>(requests.size());
        long rows = 0;
        for (ExportTraceServiceRequest request : requests) {
            EncodedRows e = SpanEncoder.encode(request);
            encoded.add(e);
            rows += e.rows();
        }
        TraceTableWriter writer = TraceTableWriter.into(ch.client(), DATABASE);
        long start = System.nanoTime();
        List<EncodedRows> batch = new ArrayList<>();
        int batchedRows = 0;
        for (int i = 0; i < encoded.size(); i++) {
            batch.add(encoded.get(i));
            batchedRows += encoded.get(i).rows();
            if (batchedRows >= batchRows || i == encoded.size() - 1) {
                writer.insert(batch, "bench-baseline-" + start + "-" + i);
                batch = new ArrayList<>();
                batchedRows = 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = ch.count("SELECT count() AS n FROM `" + DATABASE + "`.otel_traces");
        if (stored != rows) {
            throw new IllegalStateException("the baseline stored " + stored + " rows of " + rows);
        }
        return new Result(rows / seconds, (double) ch.bytesOnDisk(DATABASE, "otel_traces") / rows);
    }

    /** A fresh, empty copy of the tables, so the figures are this run's alone. */
    private static void createCopy(ClickHouseFigures ch, String database) {
        ch.execute("DROP DATABASE IF EXISTS `" + DATABASE + "`");
        ch.execute("CREATE DATABASE `" + DATABASE + "`");
        ch.execute("CREATE TABLE `" + DATABASE + "`.otel_traces AS `" + database + "`.otel_traces");
        ch.execute("CREATE TABLE `" + DATABASE + "`.otel_traces_trace_id_ts AS `" + database + "`.otel_traces_trace_id_ts");
        ch.execute("CREATE MATERIALIZED VIEW `" + DATABASE + "`.otel_traces_trace_id_ts_mv TO `" + DATABASE
                + "`.otel_traces_trace_id_ts AS SELECT TraceId, min(Timestamp) AS Start, max(Timestamp) AS End FROM `"
                + DATABASE + "`.otel_traces WHERE TraceId != '' GROUP BY TraceId");
    }
}
