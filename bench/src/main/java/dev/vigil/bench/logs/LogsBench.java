package dev.vigil.bench.logs;

import dev.vigil.bench.BenchArgs;
import dev.vigil.bench.Percentiles;
import dev.vigil.bench.ingest.ClickHouseFigures;
import dev.vigil.bench.ingest.LoadFigures;
import dev.vigil.bench.ingest.OtlpHttpLoad;
import dev.vigil.bench.ingest.RawInsertBaseline;
import dev.vigil.bench.query.QueryApi;
import dev.vigil.store.schema.Tables;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code ./vigil bench logs}: OTLP/HTTP protobuf log exports ({@link LogRequests}) from concurrent senders after a
 * warm-up, as the ingest benchmark sends spans; stored records/s counted in {@code otel_logs} end to end, bytes per
 * record across every table a record lands in, and the raw-insert baseline of the same rows into a fresh copy of
 * {@code otel_logs}. Then, unless {@code --search-records 0}, it loads that many records of the last hour straight
 * into ClickHouse ({@code load_logs.sql}) and times the logs API's text search ({@code GET /api/v1/logs?q=}) with a
 * common word and with a rare order id, against the service's health check in the same run.
 */
public final class LogsBench {
    public static final String SEARCH_COMMON = "log search: a common word, 1 h";
    public static final String SEARCH_RARE = "log search: a rare order id, 1 h";
    private static final long CHUNK = 1_000_000;

    /** How the benchmark runs. */
    public record Settings(String otlp, String query, String clickhouse, String database, int records,
            int perRequest, int concurrency, int warmupRecords, int batchRows, long seed, Duration storeTimeout,
            long searchRecords, int searchIterations) {
        public static Settings from(BenchArgs args) {
            return new Settings(args.string("otlp", "http://127.0.0.1:4318"), args.string("query", "http://127.0.0.1:8080"),
                    args.string("clickhouse", "http://127.0.0.1:8123"), args.string("database", "vigil"),
                    args.integer("records", 400_000), args.integer("records-per-request", 500),
                    args.integer("concurrency", 4), args.integer("warmup-records", 50_000),
                    args.integer("baseline-batch-rows", 50_000), args.integer("seed", 42),
                    Duration.ofSeconds(args.integer("store-timeout-seconds", 600)),
                    args.integer("search-records", 10_000_000), args.integer("search-iterations", 50));
        }
    }

    /**
     * What one run measured: the load, bytes per record in every log table, and the text search's latencies (empty
     * when no search was asked for).
     */
    public record Figures(LoadFigures load, double bytesPerRecord, Map<String, Percentiles> search) {
    }

    private LogsBench() {
    }

    public static void run(BenchArgs args) throws Exception {
        Settings settings = Settings.from(args);
        args.checkAllKnown();
        Figures f = measure(settings, System.out);
        System.out.println();
        f.load().printLoadRows("counted in otel_logs");
        LoadFigures.row("bytes per record on disk (pipeline, " + String.join(" + ", Tables.LOG_TABLES) + ")",
                String.format(Locale.ROOT, "%.1f", f.bytesPerRecord()));
        f.load().printBaselineRows(settings.batchRows(), "record");
        for (Map.Entry<String, Percentiles> c : f.search().entrySet()) {
            LoadFigures.row(c.getKey() + " p50 / p99", String.format(Locale.ROOT, "%.1f ms / %.1f ms (%d requests)",
                    c.getValue().millis(50), c.getValue().millis(99), c.getValue().count()));
        }
    }

    /** Runs the benchmark, telling its progress on {@code out}. */
    public static Figures measure(Settings s, PrintStream out) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        out.printf(Locale.ROOT, "logs benchmark, run %s: %,d records, %d per request, %d concurrent senders%n", run,
                s.records(), s.perRequest(), s.concurrency());
        List<String> logs = List.of(Tables.LOGS);
        try (ClickHouseFigures ch = new ClickHouseFigures(s.clickhouse(), "default", "")) {
            OtlpHttpLoad load = new OtlpHttpLoad(s.otlp(), OtlpHttpLoad.Signal.LOGS);

            // Warm-up: the services' JIT and the persist stage's first batches, not measured.
            String warmRun = run + "w";
            List<byte[]> warm = OtlpHttpLoad.encode(LogRequests.build(warmRun,
                    Math.max(1, s.warmupRecords() / s.perRequest()), s.perRequest(), s.seed() + 1));
            load.send(warm, s.concurrency());
            ch.awaitRows(s.database(), logs, LogRequests.servicePrefix(warmRun), (long) warm.size() * s.perRequest(),
                    s.storeTimeout());
            out.printf(Locale.ROOT, "  warm-up: %,d records sent and stored%n", (long) warm.size() * s.perRequest());

            List<byte[]> bodies = OtlpHttpLoad.encode(LogRequests.build(run, s.records() / s.perRequest(),
                    s.perRequest(), s.seed()));
            long total = (long) bodies.size() * s.perRequest();
            long bytesBefore = ch.bytesOnDisk(s.database(), Tables.LOG_TABLES);
            OtlpHttpLoad.Result sent = load.send(bodies, s.concurrency());
            long storedAt = ch.awaitRows(s.database(), logs, LogRequests.servicePrefix(run), total, s.storeTimeout());
            long bytesAfter = ch.bytesOnDisk(s.database(), Tables.LOG_TABLES);
            double storedSeconds = (storedAt - sent.startNanos()) / 1e9;
            out.printf(Locale.ROOT, "  %,d records stored in %.1f s%n", total, storedSeconds);

            RawInsertBaseline.freshDatabase(ch);
            RawInsertBaseline.copyTable(ch, s.database(), Tables.LOGS);
            RawInsertBaseline.Result raw = RawInsertBaseline.insert(ch, s.database(), Tables.LOGS,
                    LogRequests.servicePrefix(run), "Timestamp, Body", total, s.batchRows());

            Map<String, Percentiles> search = s.searchRecords() > 0 ? search(s, out) : Map.of();
            return new Figures(LoadFigures.of("log records", total, sent, storedSeconds, raw),
                    (double) (bytesAfter - bytesBefore) / total, search);
        }
    }

    /** Loads the search records of the last hour and times the text search over that hour. */
    private static Map<String, Percentiles> search(Settings s, PrintStream out) throws Exception {
        QueryApi api = new QueryApi(s.query(), s.clickhouse());
        String sql;
        try (InputStream in = LogsBench.class.getResourceAsStream("/bench/load_logs.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{database}", s.database());
        }
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofHours(1));
        long startNanos = from.getEpochSecond() * 1_000_000_000L + from.getNano();
        long gap = Duration.ofHours(1).minusSeconds(1).toNanos() / s.searchRecords();
        long t0 = System.nanoTime();
        for (long first = 0; first < s.searchRecords(); first += CHUNK) {
            long count = Math.min(CHUNK, s.searchRecords() - first);
            api.clickHouse(sql, Map.of("startNanos", startNanos, "gapNanos", gap, "first", first, "count", count));
            out.printf(Locale.ROOT, "  loaded %,d of %,d log records (%.0f s)%n", first + count, s.searchRecords(),
                    (System.nanoTime() - t0) / 1e9);
        }
        String window = "/api/v1/logs?from=" + from.toEpochMilli() + "&to=" + to.toEpochMilli() + "&limit=100&q=";
        String[] words = {"checkout", "declined", "warehouse", "timeout", "coupon", "failover", "deadlock", "handshake"};
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Percentiles> results = new LinkedHashMap<>();
        results.put(QueryApi.BASELINE, api.time(s.searchIterations(), i -> QueryApi.BASELINE_PATH));
        results.put(SEARCH_COMMON, api.time(s.searchIterations(), i -> window + words[i % words.length]));
        results.put(SEARCH_RARE, api.time(s.searchIterations(),
                i -> window + "order-" + random.nextInt(1_000_000)));
        return results;
    }

}
