package dev.vigil.bench.metrics;

import dev.vigil.bench.BenchArgs;
import dev.vigil.bench.ingest.ClickHouseFigures;
import dev.vigil.bench.ingest.LoadFigures;
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

    /** What one run measured: the load, and bytes per data point in every metric table. */
    public record Figures(LoadFigures load, double bytesPerPoint) {
    }

    private MetricsBench() {
    }

    public static void run(BenchArgs args) throws Exception {
        Settings settings = Settings.from(args);
        args.checkAllKnown();
        Figures f = measure(settings, System.out);
        System.out.println();
        f.load().printLoadRows("counted in the metric tables");
        LoadFigures.row("bytes per point on disk (pipeline, every metric table)",
                String.format(Locale.ROOT, "%.1f", f.bytesPerPoint()));
        f.load().printBaselineRows(settings.batchRows(), "point");
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
            return new Figures(LoadFigures.of("data points", total, sent, storedSeconds, raw),
                    (double) (bytesAfter - bytesBefore) / total);
        }
    }

}
