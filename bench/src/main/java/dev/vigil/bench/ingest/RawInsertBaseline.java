package dev.vigil.bench.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: the same spans, as the same {@code otel_traces} rows in RowBinary, inserted with the official
 * ClickHouse client in batches of the persist stage's size, from one thread, straight into a copy of
 * {@code otel_traces} (with its trace-id lookup table and view) in a database of its own. What the pipeline adds
 * over this is OTLP/HTTP, Kafka and the consumer.
 *
 * <p>The rows are the ones the pipeline just stored, read back from ClickHouse as RowBinary, so the baseline needs
 * nothing of Vigil but its table. All batches are read before the clock starts: the figure times the inserts alone,
 * where the persist stage also decodes and encodes each record.
 */
final class RawInsertBaseline {
    static final String DATABASE = "vigil_bench";

    record Result(double rowsPerSecond, double bytesPerRow) {
    }

    private RawInsertBaseline() {
    }

    static Result run(ClickHouseFigures ch, String database, String servicePrefix, long rows, int batchRows)
            throws Exception {
        createCopy(ch, database);
        int batches = (int) Math.max(1, (rows + batchRows - 1) / batchRows);
        List<byte[]> encoded = new ArrayList<>(batches);
        for (int i = 0; i < batches; i++) {
            encoded.add(ch.rowBinary("SELECT * FROM `" + database + "`.otel_traces"
                    + " WHERE startsWith(ServiceName, {prefix:String}) AND cityHash64(SpanId) % " + batches + " = " + i
                    + " FORMAT RowBinary",
                    servicePrefix));
        }
        long start = System.nanoTime();
        for (byte[] batch : encoded) {
            ch.insertRowBinary("`" + DATABASE + "`.otel_traces", batch);
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
