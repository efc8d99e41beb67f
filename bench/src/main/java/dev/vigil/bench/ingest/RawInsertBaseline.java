package dev.vigil.bench.ingest;

import com.clickhouse.client.api.Client;
import dev.vigil.ingest.clickhouse.SpanRow;
import dev.vigil.ingest.clickhouse.TraceTableWriter;
import dev.vigil.ingest.persist.SpanRowMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: the same spans, mapped to the same rows by the persist stage's mapper, inserted with
 * its writer in batches of the persist stage's size, from one thread, straight into a copy of
 * {@code otel_traces} (with its trace-id lookup table and view) in a database of its own. What the
 * pipeline adds over this is OTLP/HTTP, Kafka and the consumer.
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
        List<SpanRow> rows = new ArrayList<>();
        for (ExportTraceServiceRequest request : requests) {
            rows.addAll(SpanRowMapper.rows(request));
        }
        TraceTableWriter writer = TraceTableWriter.into(ch.client(), DATABASE);
        long start = System.nanoTime();
        for (int from = 0; from < rows.size(); from += batchRows) {
            List<SpanRow> batch = rows.subList(from, Math.min(rows.size(), from + batchRows));
            writer.insert(batch, "bench-baseline-" + start + "-" + from);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = ch.count("SELECT count() AS n FROM `" + DATABASE + "`.otel_traces");
        if (stored != rows.size()) {
            throw new IllegalStateException("the baseline stored " + stored + " rows of " + rows.size());
        }
        return new Result(rows.size() / seconds, (double) ch.bytesOnDisk(DATABASE, "otel_traces") / rows.size());
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
