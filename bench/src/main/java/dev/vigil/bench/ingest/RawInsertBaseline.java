package dev.vigil.bench.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of the ingest benchmarks: the rows the pipeline just stored, read back from ClickHouse as RowBinary,
 * inserted with the official ClickHouse client in batches of the persist stage's size, from one thread, straight into
 * a fresh copy of their table in a database of its own. What the pipeline adds over this is OTLP/HTTP, Kafka and the
 * consumer.
 *
 * <p>The benchmark needs nothing of Vigil but its tables. All batches are read before the clock starts: the figure
 * times the inserts alone, where the persist stage also decodes and encodes each record.
 */
public final class RawInsertBaseline {
    public static final String DATABASE = "vigil_bench";

    /** Rows inserted, the seconds the inserts took, and the copy's bytes on disk afterwards. */
    public record Result(long rows, double seconds, long bytes) {
        public double rowsPerSecond() {
            return rows / seconds;
        }

        public double bytesPerRow() {
            return (double) bytes / rows;
        }

        /** This and another table's insert, as one. */
        public Result plus(Result other) {
            return new Result(rows + other.rows, seconds + other.seconds, bytes + other.bytes);
        }
    }

    private RawInsertBaseline() {
    }

    /** An empty database {@value #DATABASE}, so the figures are this run's alone. */
    public static void freshDatabase(ClickHouseFigures ch) {
        ch.execute("DROP DATABASE IF EXISTS `" + DATABASE + "`");
        ch.execute("CREATE DATABASE `" + DATABASE + "`");
    }

    /** An empty copy of {@code database.table} in {@value #DATABASE}, with its codecs, indexes and projections. */
    public static void copyTable(ClickHouseFigures ch, String database, String table) {
        ch.execute("CREATE TABLE `" + DATABASE + "`.`" + table + "` AS `" + database + "`.`" + table + "`");
    }

    /**
     * Inserts into the copy of {@code table} (made with {@link #copyTable}) the rows of {@code database.table} whose
     * {@code ServiceName} starts with the prefix, in batches of about {@code batchRows}; {@code shardKey} is an
     * expression of the row that splits them.
     */
    public static Result insert(ClickHouseFigures ch, String database, String table, String servicePrefix,
            String shardKey, long rows, int batchRows) throws Exception {
        int batches = (int) Math.max(1, (rows + batchRows - 1) / batchRows);
        List<byte[]> encoded = new ArrayList<>(batches);
        for (int i = 0; i < batches; i++) {
            encoded.add(ch.rowBinary("SELECT * FROM `" + database + "`.`" + table + "`"
                    + " WHERE startsWith(ServiceName, {prefix:String}) AND cityHash64(" + shardKey + ") % " + batches
                    + " = " + i + " FORMAT RowBinary", servicePrefix));
        }
        long start = System.nanoTime();
        for (byte[] batch : encoded) {
            ch.insertRowBinary("`" + DATABASE + "`.`" + table + "`", batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = ch.count("SELECT count() AS n FROM `" + DATABASE + "`.`" + table + "`");
        if (stored != rows) {
            throw new IllegalStateException("the baseline stored " + stored + " rows of " + rows + " in " + table);
        }
        return new Result(rows, seconds, ch.bytesOnDisk(DATABASE, table));
    }

    /** The baseline of spans: {@code otel_traces} with its trace-id lookup table and view. */
    static Result spans(ClickHouseFigures ch, String database, String servicePrefix, long rows, int batchRows)
            throws Exception {
        freshDatabase(ch);
        copyTable(ch, database, "otel_traces");
        copyTable(ch, database, "otel_traces_trace_id_ts");
        ch.execute("CREATE MATERIALIZED VIEW `" + DATABASE + "`.otel_traces_trace_id_ts_mv TO `" + DATABASE
                + "`.otel_traces_trace_id_ts AS SELECT TraceId, min(Timestamp) AS Start, max(Timestamp) AS End FROM `"
                + DATABASE + "`.otel_traces WHERE TraceId != '' GROUP BY TraceId");
        return insert(ch, database, "otel_traces", servicePrefix, "SpanId", rows, batchRows);
    }
}
