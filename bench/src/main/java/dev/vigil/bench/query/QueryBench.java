package dev.vigil.bench.query;

import dev.vigil.bench.BenchArgs;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * {@code ./vigil bench query}: loads {@code --spans} spans of the last hour straight into ClickHouse (generated
 * there, in the exporter schema, so Vigil's materialized views fill as they would from the persist stage), then
 * times each query API call over HTTP, one request at a time, and prints p50/p99 per call against the floor of a
 * trivial HTTP request to the same service, measured in the same run.
 */
public final class QueryBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int SPANS_PER_TRACE = 8;
    private static final long CHUNK = 1_000_000;

    private final String clickHouse;
    private final String query;
    private final String database;

    private QueryBench(String clickHouse, String query, String database) {
        this.clickHouse = clickHouse;
        this.query = query;
        this.database = database;
    }

    public static void run(BenchArgs args) throws Exception {
        String database = args.string("database", "vigil");
        QueryBench bench = new QueryBench(args.string("clickhouse", "http://127.0.0.1:8123"),
                args.string("query", "http://127.0.0.1:8080"), database);
        long spans = (long) args.integer("spans", 10_000_000) / SPANS_PER_TRACE * SPANS_PER_TRACE;
        int iterations = args.integer("iterations", 200);
        boolean load = Boolean.parseBoolean(args.string("load", "true"));
        args.checkAllKnown();
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("--database must be a plain identifier");
        }
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofHours(1));
        if (load) {
            bench.load(spans, from);
            bench.awaitDependencyRollup(from);
        }
        bench.measure(from, to, iterations);
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
            clickHouse(sql, Map.of("startNanos", startNanos, "traceGapNanos", gap, "first", first, "count", count));
            System.out.printf("loaded %,d of %,d spans (%.0f s)%n", first + count, spans,
                    (System.nanoTime() - t0) / 1e9);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("load: %,d spans in %.1f s (%,.0f spans/s); otel_traces now holds %,d spans of which %,d"
                + " were there before%n", spans, seconds, spans / seconds, count(), before);
    }

    /**
     * Waits until query-service's dependency rollup holds every closed minute of the loaded hour as it is now (the
     * minutes of the last three, within its grace and interval, stay live), and prints how long that took.
     */
    private void awaitDependencyRollup(Instant from) throws Exception {
        long t0 = System.nanoTime();
        String stale = "SELECT count() FROM (SELECT Minute, sum(Now) AS Now, max(RolledUp) AS RolledUp FROM ("
                + " SELECT Minute, Spans AS Now, toUInt64(0) AS RolledUp FROM `" + database + "`.vigil_span_stats_1m"
                + " WHERE SpanKind IN ('Client', 'Producer') AND Minute >= toDateTime({from:UInt32})"
                + "   AND Minute < toStartOfMinute(now()) - INTERVAL 3 MINUTE"
                + " UNION ALL SELECT Minute, toUInt64(0), Callers FROM `" + database + "`.vigil_dependency_rollups"
                + " WHERE Minute >= toDateTime({from:UInt32})) GROUP BY Minute HAVING Now > 0 AND Now != RolledUp)";
        long left;
        while ((left = Long.parseLong(clickHouse(stale, Map.of("from", from.getEpochSecond() / 60 * 60)).strip())) > 0) {
            if (System.nanoTime() - t0 > Duration.ofMinutes(15).toNanos()) {
                throw new IllegalStateException(left + " minutes still not rolled up after 15 min; is query-service's"
                        + " dependency rollup running (vigil.query.dependency-rollup.interval)?");
            }
            Thread.sleep(1000);
        }
        System.out.printf("dependency rollup caught up with the load %.1f s after it ended%n",
                (System.nanoTime() - t0) / 1e9);
    }

    private long count() throws Exception {
        return Long.parseLong(clickHouse("SELECT count() FROM `" + database + "`.otel_traces", Map.of()).strip());
    }

    private void measure(Instant from, Instant to, int iterations) throws Exception {
        List<String> traceIds = Arrays.stream(clickHouse("SELECT TraceId FROM `" + database + "`.otel_traces"
                        + " WHERE ServiceName = 'service-07' AND SpanName = 'GET /api/v1/op-7'"
                        + " AND Timestamp >= fromUnixTimestamp64Milli({from:Int64}) LIMIT 1000",
                Map.of("from", from.toEpochMilli())).split("\n")).filter(s -> !s.isBlank()).toList();
        if (traceIds.isEmpty()) {
            throw new IllegalStateException("no benchmark traces in the last hour; run without --load false");
        }
        String window = "from=" + from.toEpochMilli() + "&to=" + to.toEpochMilli();
        Random random = new Random(1);
        Map<String, IntFunction<String>> cases = new LinkedHashMap<>();
        cases.put("baseline: GET /q/health/live", i -> "/q/health/live");
        cases.put("trace by id", i -> "/api/v1/traces/" + traceIds.get(random.nextInt(traceIds.size())));
        cases.put("search: service + operation + minDuration", i -> "/api/v1/traces?" + window
                + "&service=service-" + String.format("%02d", i % 20) + "&operation="
                + encode("GET /api/v1/op-" + (i % 20 % 10)) + "&minDuration=5ms&limit=20");
        cases.put("search: attribute", i -> "/api/v1/traces?" + window + "&attr.customer.id="
                + random.nextInt(100_000) + "&limit=20");
        cases.put("golden signals: summary of all services, 1 h", i -> "/api/v1/golden-signals?" + window);
        cases.put("dependency graph, 1 h", i -> "/api/v1/dependencies?" + window);
        System.out.printf("%n%-48s %9s %9s %9s%n", "call (" + iterations + " sequential requests)", "p50 ms",
                "p99 ms", "max ms");
        for (Map.Entry<String, IntFunction<String>> c : cases.entrySet()) {
            int n = c.getKey().startsWith("dependency") ? Math.max(20, iterations / 10) : iterations;
            for (int i = 0; i < Math.min(10, n); i++) {
                get(c.getValue().apply(i));
            }
            double[] millis = new double[n];
            for (int i = 0; i < n; i++) {
                String path = c.getValue().apply(i);
                long t0 = System.nanoTime();
                get(path);
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf("%-48s %9.1f %9.1f %9.1f%s%n", c.getKey(), percentile(millis, 0.5),
                    percentile(millis, 0.99), millis[n - 1], n != iterations ? "   (" + n + " requests)" : "");
        }
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private void get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(query + path)).timeout(Duration.ofSeconds(60));
        // Vigil needs credentials: ./vigil bench passes its admin key.
        String key = System.getenv("VIGIL_API_KEY");
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key.strip());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private String clickHouse(String sql, Map<String, Object> parameters) throws IOException, InterruptedException {
        String params = parameters.entrySet().stream()
                .map(e -> "param_" + e.getKey() + "=" + encode(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(clickHouse + "/?" + params))
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
