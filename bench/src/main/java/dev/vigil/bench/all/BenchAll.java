package dev.vigil.bench.all;

import dev.vigil.bench.BenchArgs;
import dev.vigil.bench.Percentiles;
import dev.vigil.bench.all.Measure.Goal;
import dev.vigil.bench.ingest.ClickHouseFigures;
import dev.vigil.bench.ingest.IngestBench;
import dev.vigil.bench.ingest.SpanStorage;
import dev.vigil.bench.logs.LogsBench;
import dev.vigil.bench.metrics.MetricsBench;
import dev.vigil.bench.query.QueryApi;
import dev.vigil.bench.query.QueryBench;
import dev.vigil.store.schema.Tables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./vigil bench all}: on a fresh stack (it refuses one that holds spans or log records already), runs the
 * ingest benchmark with the services' resident memory sampled, then logs (with the text search at
 * {@code --search-records}), metrics, the span storage figures and the query benchmark at {@code --query-spans}; it
 * prints a progress line per step and, at the end, one table of every figure against its goal. A goal not met is
 * shown, not an error: the exit status says only whether the run itself worked.
 */
public final class BenchAll {
    // The goals: spans, storage, query and memory as the project set them; logs and metrics against their raw
    // insert, as spans are.
    static final double SPANS_PER_SECOND = 40_000;
    static final double STORED_OVER_RAW = 0.6;
    static final double OTEL_TRACES_BYTES_PER_SPAN = 80;
    static final double SPAN_TABLES_BYTES_PER_SPAN = 110;
    static final double TRACE_BY_ID_P99_MS = 50;
    static final double SERVICE_MAP_P99_MS = 100;
    static final double GOLDEN_SUMMARY_P99_MS = 80;
    static final double LOG_SEARCH_P99_MS = 1000;
    static final double SERVICE_RSS_MB = 512;
    static final List<String> SERVICES = List.of("ingest-service", "query-service", "alert-service", "health-service");
    static final List<String> INFRA = List.of("kafka", "clickhouse", "postgres");
    private static final int STEPS = 5;

    private BenchAll() {
    }

    public static void run(BenchArgs args) throws Exception {
        String otlp = args.string("otlp", "http://127.0.0.1:4318");
        String query = args.string("query", "http://127.0.0.1:8080");
        String clickhouse = args.string("clickhouse", "http://127.0.0.1:8123");
        String database = args.string("database", "vigil");
        Path runDir = Path.of(args.string("run-dir", System.getenv().getOrDefault("VIGIL_HOME",
                System.getProperty("user.home") + "/.vigil") + "/run"));
        int spans = args.integer("spans", 600_000);
        int logRecords = args.integer("log-records", 400_000);
        int searchRecords = args.integer("search-records", 10_000_000);
        int metricPoints = args.integer("metric-points", 400_000);
        int querySpans = args.integer("query-spans", 10_000_000);
        // Each load runs after a warm-up as long as itself, so that the figures are those of services whose code the
        // JIT has compiled (on a stack just started, the first 50,000 spans left ingest-service measured cold).
        int warmupSpans = args.integer("warmup-spans", spans);
        int warmupLogRecords = args.integer("warmup-log-records", logRecords);
        int warmupMetricPoints = args.integer("warmup-metric-points", metricPoints);
        int iterations = args.integer("iterations", 200);
        // A text search over 10 million records takes seconds, where a span call takes milliseconds.
        int searchIterations = args.integer("search-iterations", 50);
        args.checkAllKnown();
        PrintStream out = System.out;
        PrintStream details = new PrintStream(PrintStream.nullOutputStream());
        Duration storeTimeout = Duration.ofMinutes(10);

        try (ClickHouseFigures ch = new ClickHouseFigures(clickhouse, "default", "")) {
            refuseUsedStack(ch, database);
        }
        out.printf(Locale.ROOT, "load average %s at the start%n", loadAverage());
        List<Measure> measures = new ArrayList<>();

        out.printf(Locale.ROOT, "[1/%d] ingest: %,d spans over OTLP/HTTP after %,d to warm up, resident memory sampled"
                + " every second …%n", STEPS, spans, warmupSpans);
        IngestBench.Figures ingest;
        Map<String, Optional<Double>> rss;
        List<String> processes = new ArrayList<>(SERVICES);
        processes.addAll(INFRA);
        ResidentMemory memory = new ResidentMemory(runDir, processes);
        try {
            ingest = IngestBench.measure(new IngestBench.Settings(otlp, clickhouse, database, spans, 500, 4,
                    warmupSpans, 50_000, 42, storeTimeout), details);
        } finally {
            memory.close();
        }
        rss = memory.mostMegabytes();
        out.printf(Locale.ROOT, "[1/%d] ingest: %,.0f spans/s stored%n", STEPS, ingest.load().storedPerSecond());
        measures.add(Measure.of("spans stored/s, end to end (OTLP/HTTP → ClickHouse)", ingest.load().storedPerSecond(), "/s",
                perSecond(ingest.load().raw().rowsPerSecond()) + " raw insert", Goal.atLeast(SPANS_PER_SECOND)));
        measures.add(Measure.of("spans: stored ÷ raw insert", ingest.load().storedOverRaw(), "", null,
                Goal.atLeast(STORED_OVER_RAW)));
        measures.add(Measure.of("spans: export request p99", ingest.load().latency().millis(99), " ms",
                null, null));
        for (Map.Entry<String, Optional<Double>> e : rss.entrySet()) {
            boolean service = SERVICES.contains(e.getKey());
            measures.add(Measure.of("resident memory during ingest, most: " + e.getKey(),
                    e.getValue().orElse(Double.NaN), " MB", null, service ? Goal.atMost(SERVICE_RSS_MB) : null));
        }

        out.printf(Locale.ROOT, "[2/%d] logs: %,d records over OTLP/HTTP after %,d to warm up, then search at %,d"
                + " records …%n", STEPS, logRecords, warmupLogRecords, searchRecords);
        LogsBench.Figures logs = LogsBench.measure(new LogsBench.Settings(otlp, query, clickhouse, database,
                logRecords, 500, 4, warmupLogRecords, 50_000, 42, storeTimeout, searchRecords, searchIterations), details);
        out.printf(Locale.ROOT, "[2/%d] logs: %,.0f records/s stored%n", STEPS, logs.load().storedPerSecond());
        measures.add(Measure.of("log records stored/s, end to end", logs.load().storedPerSecond(), "/s",
                perSecond(logs.load().raw().rowsPerSecond()) + " raw insert", null));
        measures.add(Measure.of("logs: stored ÷ raw insert", logs.load().storedOverRaw(), "", null,
                Goal.atLeast(STORED_OVER_RAW)));
        measures.add(Measure.of("logs: bytes/record on disk (" + String.join(" + ", Tables.LOG_TABLES) + ")",
                logs.bytesPerRecord(), " B", Measure.format(logs.load().raw().bytesPerRow()) + " B raw insert", null));
        Percentiles searchBaseline = logs.search().get(QueryApi.BASELINE);
        for (String call : List.of(LogsBench.SEARCH_COMMON, LogsBench.SEARCH_RARE)) {
            Percentiles p = logs.search().get(call);
            if (p != null) {
                measures.add(Measure.of(call + ", " + millions(searchRecords) + " records, p99", p.millis(99), " ms",
                        health(searchBaseline), Goal.atMost(LOG_SEARCH_P99_MS)));
            }
        }

        out.printf(Locale.ROOT, "[3/%d] metrics: %,d data points over OTLP/HTTP after %,d to warm up …%n", STEPS,
                metricPoints, warmupMetricPoints);
        MetricsBench.Figures metrics = MetricsBench.measure(new MetricsBench.Settings(otlp, clickhouse, database,
                metricPoints, 4, warmupMetricPoints, 50_000, 42, storeTimeout), details);
        out.printf(Locale.ROOT, "[3/%d] metrics: %,.0f points/s stored%n", STEPS, metrics.load().storedPerSecond());
        measures.add(Measure.of("metric data points stored/s, end to end", metrics.load().storedPerSecond(), "/s",
                perSecond(metrics.load().raw().rowsPerSecond()) + " raw insert", null));
        measures.add(Measure.of("metrics: stored ÷ raw insert", metrics.load().storedOverRaw(), "", null,
                Goal.atLeast(STORED_OVER_RAW)));
        measures.add(Measure.of("metrics: bytes/point on disk", metrics.bytesPerPoint(), " B",
                Measure.format(metrics.load().raw().bytesPerRow()) + " B raw insert", null));

        out.printf(Locale.ROOT, "[4/%d] storage: span tables merged (OPTIMIZE … FINAL) …%n", STEPS);
        Map<String, Double> perSpan;
        try (ClickHouseFigures ch = new ClickHouseFigures(clickhouse, "default", "")) {
            perSpan = SpanStorage.bytesPerSpan(ch, database);
        }
        double allTables = perSpan.values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf(Locale.ROOT, "[4/%d] storage: %.1f B/span in all span tables%n", STEPS, allTables);
        measures.add(Measure.of("bench's spans: " + Tables.TRACES + " bytes/span", perSpan.get(Tables.TRACES), " B",
                null, Goal.atMost(OTEL_TRACES_BYTES_PER_SPAN)));
        measures.add(Measure.of("bench's spans: all span tables bytes/span (" + Tables.SPAN_TABLES.size() + ")",
                allTables, " B", null, Goal.atMost(SPAN_TABLES_BYTES_PER_SPAN)));

        out.printf(Locale.ROOT, "[5/%d] query: %,d spans loaded into ClickHouse, %d requests per call …%n", STEPS,
                querySpans, iterations);
        Map<String, Percentiles> calls = QueryBench.measure(new QueryBench.Settings(query, clickhouse, database,
                querySpans, iterations, true), details);
        out.printf(Locale.ROOT, "[5/%d] query: done%n", STEPS);
        String at = " p99 at " + millions(querySpans) + " spans";
        Percentiles health = calls.get(QueryApi.BASELINE);
        measures.add(Measure.of(QueryBench.TRACE_BY_ID + at, calls.get(QueryBench.TRACE_BY_ID).millis(99), " ms",
                health(health), Goal.below(TRACE_BY_ID_P99_MS)));
        measures.add(Measure.of("service map (" + QueryBench.SERVICE_MAP + ")" + at,
                calls.get(QueryBench.SERVICE_MAP).millis(99), " ms", health(health), Goal.below(SERVICE_MAP_P99_MS)));
        measures.add(Measure.of(QueryBench.GOLDEN_SUMMARY + at, calls.get(QueryBench.GOLDEN_SUMMARY).millis(99),
                " ms", health(health), Goal.below(GOLDEN_SUMMARY_P99_MS)));

        out.println();
        out.print(ResultTable.render(measures));
        out.println();
        out.println(ResultTable.summary(measures));
        out.printf(Locale.ROOT, "load average %s at the end: others on the machine make the figures indicative%n",
                loadAverage());
    }

    /** A stack that holds spans or log records from before would blur the figures: refuse it, saying what to do. */
    private static void refuseUsedStack(ClickHouseFigures ch, String database) {
        long spans = ch.count("SELECT count() AS n FROM `" + database + "`.`" + Tables.TRACES + "`");
        long logs = ch.count("SELECT count() AS n FROM `" + database + "`.`" + Tables.LOGS + "`");
        if (spans > 0 || logs > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a fresh stack is needed, and this one"
                    + " holds %,d spans and %,d log records already; start one in an empty VIGIL_HOME (and on free"
                    + " ports), e.g. VIGIL_HOME=$(mktemp -d) ./vigil up, and run bench all with the same VIGIL_HOME",
                    spans, logs));
        }
    }

    private static String health(Percentiles baseline) {
        return baseline == null ? null : "health check " + Measure.format(baseline.millis(99)) + " ms";
    }

    private static String perSecond(double v) {
        return Measure.format(v) + "/s";
    }

    private static String millions(long n) {
        return n % 1_000_000 == 0 ? n / 1_000_000 + " M" : String.format(Locale.ROOT, "%,d", n);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " (1 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
