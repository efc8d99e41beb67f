package dev.vigil.bench.query;

import dev.vigil.bench.BenchArgs;
import dev.vigil.bench.Percentiles;
import dev.vigil.store.schema.Tables;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * {@code ./vigil bench query}: loads {@code --spans} spans of the last hour straight into ClickHouse (generated
 * there, in the exporter schema, so Vigil's materialized views fill as they would from the persist stage), then
 * times each query API call over HTTP, one request at a time, and prints p50/p99 per call against the floor of a
 * trivial HTTP request to the same service, measured in the same run.
 */
public final class QueryBench {
    public static final String TRACE_BY_ID = "trace by id";
    public static final String GOLDEN_SUMMARY = "golden signals: summary of all services, 1 h";
    public static final String SERVICE_MAP = "dependency graph, 1 h";

    private static final int SPANS_PER_TRACE = 8;
    private static final long CHUNK = 1_000_000;

    /** How the benchmark runs. */
    public record Settings(String query, String clickhouse, String database, long spans, int iterations,
            boolean load) {
        public static Settings from(BenchArgs args) {
            return new Settings(args.string("query", "http://127.0.0.1:8080"),
                    args.string("clickhouse", "http://127.0.0.1:8123"), args.string("database", "vigil"),
                    args.integer("spans", 10_000_000), args.integer("iterations", 200),
                    Boolean.parseBoolean(args.string("load", "true")));
        }
    }

    private final QueryApi api;
    private final String database;
    private final PrintStream out;

    private QueryBench(QueryApi api, String database, PrintStream out) {
        this.api = api;
        this.database = database;
        this.out = out;
    }

    public static void run(BenchArgs args) throws Exception {
        Settings settings = Settings.from(args);
        args.checkAllKnown();
        Map<String, Percentiles> calls = measure(settings, System.out);
        System.out.printf(Locale.ROOT, "%n%-48s %9s %9s %9s %9s%n", "call (sequential requests)", "p50 ms", "p99 ms",
                "max ms", "requests");
        for (Map.Entry<String, Percentiles> c : calls.entrySet()) {
            System.out.printf(Locale.ROOT, "%-48s %9.1f %9.1f %9.1f %9d%n", c.getKey(), c.getValue().millis(50),
                    c.getValue().millis(99), c.getValue().millis(100), c.getValue().count());
        }
    }

    /** Loads the spans unless told not to, and times each call; its progress on {@code out}. */
    public static Map<String, Percentiles> measure(Settings s, PrintStream out) throws Exception {
        if (!s.database().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("--database must be a plain identifier");
        }
        QueryBench bench = new QueryBench(new QueryApi(s.query(), s.clickhouse()), s.database(), out);
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofHours(1));
        if (s.load()) {
            bench.load(s.spans() / SPANS_PER_TRACE * SPANS_PER_TRACE, from);
            bench.awaitDependencyRollup(from, to);
            bench.awaitMergesOfSpanTables();
        }
        return bench.measure(from, to, s.iterations());
    }

    private void load(long spans, Instant from) throws Exception {
        String sql;
        try (InputStream in = QueryBench.class.getResourceAsStream("/bench/load_spans.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{database}", database);
        }
        long traces = spans / SPANS_PER_TRACE;
        long startNanos = from.getEpochSecond() * 1_000_000_000L + from.getNano();
        long gap = Duration.ofHours(1).minusSeconds(1).toNanos() / traces;
        long before = count();
        long t0 = System.nanoTime();
        for (long first = 0; first < spans; first += CHUNK) {
            long count = Math.min(CHUNK, spans - first);
            api.clickHouse(sql, Map.of("startNanos", startNanos, "traceGapNanos", gap, "first", first, "count", count));
            out.printf(Locale.ROOT, "loaded %,d of %,d spans (%.0f s)%n", first + count, spans,
                    (System.nanoTime() - t0) / 1e9);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "load: %,d spans in %.1f s (%,.0f spans/s); otel_traces now holds %,d spans of which"
                + " %,d were there before%n", spans, seconds, spans / seconds, count(), before);
    }

    /**
     * Waits until query-service's dependency rollup holds every whole minute of the measured range {@code from} to
     * {@code to} as it is now, and prints how long that took: the graph is then measured in its steady state, with
     * only the partial first and last minute of the range joined live. Without the wait, the last minutes of the
     * load are still inside the rollup's grace (2 min) and interval (30 s) when the query step starts on an idle
     * machine, and the graph joins each of them live (about 20 ms more per minute at 10 million spans an hour;
     * docs/performance.md, "Query"). A graph over a range that ends now joins its last minutes live, as without
     * the wait.
     */
    private void awaitDependencyRollup(Instant from, Instant to) throws Exception {
        long t0 = System.nanoTime();
        String stale = "SELECT count() FROM (SELECT Minute, sum(Now) AS Now, max(RolledUp) AS RolledUp FROM ("
                + " SELECT Minute, Spans AS Now, toUInt64(0) AS RolledUp FROM `" + database + "`.vigil_span_stats_1m"
                + " WHERE SpanKind IN ('Client', 'Producer') AND Minute >= toDateTime({from:UInt32})"
                + "   AND Minute < toDateTime({to:UInt32})"
                + " UNION ALL SELECT Minute, toUInt64(0), Callers FROM `" + database + "`.vigil_dependency_rollups"
                + " WHERE Minute >= toDateTime({from:UInt32}) AND Minute < toDateTime({to:UInt32}))"
                + " GROUP BY Minute HAVING Now > 0 AND Now != RolledUp)";
        Map<String, Object> minutes = Map.of("from", from.getEpochSecond() / 60 * 60,
                "to", to.getEpochSecond() / 60 * 60);
        long left;
        while ((left = Long.parseLong(api.clickHouse(stale, minutes).strip())) > 0) {
            if (System.nanoTime() - t0 > Duration.ofMinutes(15).toNanos()) {
                throw new IllegalStateException(left + " minutes still not rolled up after 15 min; is query-service's"
                        + " dependency rollup running (vigil.query.dependency-rollup.interval)?");
            }
            Thread.sleep(1000);
        }
        out.printf(Locale.ROOT, "dependency rollup holds every whole minute of the measured hour %.1f s after the load"
                + " ended (steady state: only the partial first and last minute are joined live)%n",
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Waits until ClickHouse merges none of the span tables' parts (three checks a second apart), up to 10 min, and
     * prints how long that took. The load inserts an hour's 10 million spans in about two minutes, and ClickHouse
     * merges the parts of that burst for minutes after it: calls timed meanwhile share the two cores with merges
     * that a Vigil receiving 10 million spans an hour, about 2,800 a second, would not run at once
     * (docs/performance.md, "Query"). A merge still running after 10 min is reported, and the calls timed anyway.
     */
    private void awaitMergesOfSpanTables() throws Exception {
        long t0 = System.nanoTime();
        String running = "SELECT count() FROM system.merges WHERE database = {database:String}"
                + " AND table IN ('" + String.join("', '", Tables.SPAN_TABLES) + "')";
        int quiet = 0;
        long merges = 0;
        while (quiet < 3) {
            merges = Long.parseLong(api.clickHouse(running, Map.of("database", database)).strip());
            quiet = merges == 0 ? quiet + 1 : 0;
            if (quiet < 3 && System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
                out.printf(Locale.ROOT, "%d merges of span tables still running after 10 min; timing the calls"
                        + " anyway%n", merges);
                return;
            }
            Thread.sleep(1000);
        }
        out.printf(Locale.ROOT, "no merge of a span table running %.1f s after the rollup caught up%n",
                (System.nanoTime() - t0) / 1e9);
    }

    private long count() throws Exception {
        return Long.parseLong(api.clickHouse("SELECT count() FROM `" + database + "`.otel_traces", Map.of()).strip());
    }

    private Map<String, Percentiles> measure(Instant from, Instant to, int iterations) throws Exception {
        List<String> traceIds = Arrays.stream(api.clickHouse("SELECT TraceId FROM `" + database + "`.otel_traces"
                        + " WHERE ServiceName = 'service-07' AND SpanName = 'GET /api/v1/op-7'"
                        + " AND Timestamp >= fromUnixTimestamp64Milli({from:Int64}) LIMIT 1000",
                Map.of("from", from.toEpochMilli())).split("\n")).filter(s -> !s.isBlank()).toList();
        if (traceIds.isEmpty()) {
            throw new IllegalStateException("no benchmark traces in the last hour; run without --load false");
        }
        String window = "from=" + from.toEpochMilli() + "&to=" + to.toEpochMilli();
        Random random = new Random(1);
        Map<String, IntFunction<String>> cases = new LinkedHashMap<>();
        cases.put(QueryApi.BASELINE, i -> QueryApi.BASELINE_PATH);
        cases.put(TRACE_BY_ID, i -> "/api/v1/traces/" + traceIds.get(random.nextInt(traceIds.size())));
        cases.put("search: service + operation + minDuration", i -> "/api/v1/traces?" + window
                + "&service=service-" + String.format("%02d", i % 20) + "&operation="
                + QueryApi.encode("GET /api/v1/op-" + (i % 20 % 10)) + "&minDuration=5ms&limit=20");
        cases.put("search: attribute", i -> "/api/v1/traces?" + window + "&attr.customer.id="
                + random.nextInt(100_000) + "&limit=20");
        cases.put(GOLDEN_SUMMARY, i -> "/api/v1/golden-signals?" + window);
        cases.put(SERVICE_MAP, i -> "/api/v1/dependencies?" + window);
        Map<String, Percentiles> results = new LinkedHashMap<>();
        for (Map.Entry<String, IntFunction<String>> c : cases.entrySet()) {
            // Every call as often: a p99 of fewer than 100 requests is their maximum.
            results.put(c.getKey(), api.time(iterations, c.getValue()));
            out.printf(Locale.ROOT, "  %s: p99 %.1f ms%n", c.getKey(), results.get(c.getKey()).millis(99));
        }
        return results;
    }
}
