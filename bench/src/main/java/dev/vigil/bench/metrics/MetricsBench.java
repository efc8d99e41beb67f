package dev.vigil.bench.metrics;

import dev.vigil.bench.BenchArgs;
import dev.vigil.bench.Percentiles;
import dev.vigil.bench.ingest.ClickHouseFigures;
import dev.vigil.bench.ingest.OtlpHttpLoad;
import dev.vigil.bench.ingest.RawInsertBaseline;
import dev.vigil.store.schema.Tables;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./vigil bench metrics}: OTLP/HTTP protobuf metric exports ({@link MetricRequests}: gauges, cumulative sums
 * and histograms with attributes) from concurrent senders after a warm-up; stored data points/s counted in the metric
 * tables end to end, bytes per point across them, and the raw-insert baseline of the same rows into fresh copies of
 * those tables, in the same run.
 */
public final class MetricsBench {
    /** The tables the benchmark's points land in: one per metric type it sends. */
    private static final List<String> TABLES = List.of(Tables.METRICS_GAUGE, Tables.METRICS_SUM,
            Tables.METRICS_HISTOGRAM);

    /** How the benchmark runs. */
    public record Settings(String otlp, String clickhouse, String database, int points, int concurrency,
            int warmupPoints, int batchRows, long seed, Duration storeTimeout) {
        public static Settings from(BenchArgs args) {
            return new Settings(args.string("otlp", "http://127.0.0.1:4318"),
                    args.string("clickhouse", "http://127.0.0.1:8123"), args.string("database", "vigil"),
                    args.integer("points", 400_000), args.integer("concurrency", 4),
                    args.integer("warmup-points", 50_000), args.integer("baseline-batch-rows", 50_000),
                    args.integer("seed", 42), Duration.ofSeconds(args.integer("store-timeout-seconds", 600)));
        }
    }

    /** What one run measured. */
    public record Figures(long points, double acceptedPerSecond, double storedPerSecond, Percentiles latency,
            int retries, double bytesPerPoint, RawInsertBaseline.Result raw) {
        public double storedOverRaw() {
            return storedPerSecond / raw.rowsPerSecond();
        }
    }

    private MetricsBench() {
    }

    public static void run(BenchArgs args) throws Exception {
        Settings settings = Settings.from(args);
        args.checkAllKnown();
        Figures f = measure(settings, System.out);
        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        row("data points sent", String.format(Locale.ROOT, "%,d", f.points()));
        row("accepted points/s (200 from ingest)", String.format(Locale.ROOT, "%,.0f", f.acceptedPerSecond()));
        row("stored points/s (counted in the metric tables, end to end)", String.format(Locale.ROOT, "%,.0f",
                f.storedPerSecond()));
        row("request latency p50 / p99", String.format(Locale.ROOT, "%.1f ms / %.1f ms (%d requests, %d retried)",
                f.latency().millis(50), f.latency().millis(99), f.latency().count(), f.retries()));
        row("bytes per point on disk (pipeline, every metric table)",
                String.format(Locale.ROOT, "%.1f", f.bytesPerPoint()));
        row("baseline: raw insert rows/s (same rows, RowBinary, " + settings.batchRows() + "-row batches)",
                String.format(Locale.ROOT, "%,.0f", f.raw().rowsPerSecond()));
        row("baseline: bytes per point on disk", String.format(Locale.ROOT, "%.1f", f.raw().bytesPerRow()));
        row("stored points/s ÷ raw insert rows/s", String.format(Locale.ROOT, "%.2f", f.storedOverRaw()));
    }

    /** Runs the benchmark, telling its progress on {@code out}. */
    public static Figures measure(Settings s, PrintStream out) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        out.printf(Locale.ROOT, "metrics benchmark, run %s: %,d data points, %d per request, %d concurrent senders%n",
                run, s.points(), MetricRequests.POINTS_PER_REQUEST, s.concurrency());
        try (ClickHouseFigures ch = new ClickHouseFigures(s.clickhouse(), "default", "")) {
            OtlpHttpLoad load = new OtlpHttpLoad(s.otlp(), OtlpHttpLoad.Signal.METRICS);

            String warmRun = run + "w";
            List<byte[]> warm = OtlpHttpLoad.encode(MetricRequests.build(warmRun,
                    Math.max(1, s.warmupPoints() / MetricRequests.POINTS_PER_REQUEST), s.seed() + 1));
            long warmPoints = (long) warm.size() * MetricRequests.POINTS_PER_REQUEST;
            load.send(warm, s.concurrency());
            ch.awaitRows(s.database(), TABLES, MetricRequests.servicePrefix(warmRun), warmPoints, s.storeTimeout());
            out.printf(Locale.ROOT, "  warm-up: %,d points sent and stored%n", warmPoints);

            List<byte[]> bodies = OtlpHttpLoad.encode(MetricRequests.build(run,
                    Math.max(1, s.points() / MetricRequests.POINTS_PER_REQUEST), s.seed()));
            long total = (long) bodies.size() * MetricRequests.POINTS_PER_REQUEST;
            long bytesBefore = ch.bytesOnDisk(s.database(), Tables.METRIC_TABLES);
            OtlpHttpLoad.Result sent = load.send(bodies, s.concurrency());
            String prefix = MetricRequests.servicePrefix(run);
            long storedAt = ch.awaitRows(s.database(), TABLES, prefix, total, s.storeTimeout());
            long bytesAfter = ch.bytesOnDisk(s.database(), Tables.METRIC_TABLES);
            double storedSeconds = (storedAt - sent.startNanos()) / 1e9;
            out.printf(Locale.ROOT, "  %,d points stored in %.1f s%n", total, storedSeconds);

            RawInsertBaseline.freshDatabase(ch);
            RawInsertBaseline.Result raw = null;
            for (String table : TABLES) {
                RawInsertBaseline.copyTable(ch, s.database(), table);
                long rows = ch.rows("`" + s.database() + "`.`" + table + "`", prefix);
                RawInsertBaseline.Result one = RawInsertBaseline.insert(ch, s.database(), table, prefix,
                        "MetricName, Attributes, TimeUnix", rows, s.batchRows());
                raw = raw == null ? one : raw.plus(one);
            }
            return new Figures(total, total / sent.seconds(), total / storedSeconds,
                    new Percentiles(sent.latencyNanos()), sent.retries(), (double) (bytesAfter - bytesBefore) / total,
                    raw);
        }
    }

    private static void row(String name, String value) {
        System.out.println("| " + name + " | " + value + " |");
    }
}
