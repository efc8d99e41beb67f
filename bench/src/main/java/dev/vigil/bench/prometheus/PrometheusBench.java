package dev.vigil.bench.prometheus;

import dev.vigil.bench.BenchArgs;
import dev.vigil.bench.IngestAuthorization;
import dev.vigil.bench.Percentiles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./vigil bench prometheus}: starts Debian's Prometheus next to the running Vigil, remote-writes the same
 * {@code --hours} of {@link BenchSeries} to both with the same client (in time order, {@code --shards} requests
 * at a time, as Prometheus's own queue does), and times typical dashboard queries over the whole range on both.
 * Prometheus is the baseline: samples/s it acknowledges, and its query latency on the same samples.
 */
public final class PrometheusBench {
    /**
     * Platform threads: the JDK client's selector must not wait behind the sending threads. Daemon threads, so that the
     * benchmark's JVM exits once it has printed its table.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory())).build();
    private static final Pattern SERIES_START = Pattern.compile("\\{\"metric\":");
    private static final int MAX_ATTEMPTS = 30;

    private final String apiKey;
    // Remote write to Vigil carries the ingest token; the local Prometheus gets no credentials.
    private final Optional<String> ingestAuthorization = IngestAuthorization.header();

    private PrometheusBench(String apiKey) {
        this.apiKey = apiKey;
    }

    public static void run(BenchArgs args) throws Exception {
        String write = args.string("write", "http://127.0.0.1:4318") + "/api/v1/write";
        String query = args.string("query", "http://127.0.0.1:8080") + "/prometheus";
        String clickHouse = args.string("clickhouse", "http://127.0.0.1:8123");
        String database = args.string("database", "vigil");
        Path binary = Path.of(args.string("prometheus-binary", "/usr/bin/prometheus"));
        int hours = args.integer("hours", 24);
        int stepSeconds = args.integer("scrape-interval-seconds", 15);
        int shards = args.integer("shards", 4);
        int stepsPerRequest = args.integer("steps-per-request", 16);
        int iterations = args.integer("iterations", 10);
        String apiKey = args.string("api-key", System.getenv().getOrDefault("VIGIL_API_KEY", ""));
        args.checkAllKnown();
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("--database must be a plain identifier");
        }
        PrometheusBench bench = new PrometheusBench(apiKey);

        BenchSeries series = new BenchSeries();
        int steps = hours * 3600 / stepSeconds;
        long stepMillis = stepSeconds * 1000L;
        long end = System.currentTimeMillis() / stepMillis * stepMillis - 60_000;
        long first = end - (steps - 1) * stepMillis;
        String run = UUID.randomUUID().toString().substring(0, 8);
        series.all().forEach(s -> s.labels().put("bench_run", run));
        long samples = (long) steps * series.all().size();
        System.out.printf("generating %,d series x %,d scrapes (%d h every %d s) = %,d samples, run %s%n",
                series.all().size(), steps, hours, stepSeconds, samples, run);
        double[][] values = series.values(steps, 42);

        try (LocalPrometheus prometheus = LocalPrometheus.start(binary)) {
            System.out.println("prometheus " + prometheus.base() + " ready; writing to it ...");
            double prometheusSeconds = bench.write(URI.create(prometheus.base() + "/api/v1/write"), series, values,
                    first, stepMillis, shards, stepsPerRequest, false);
            System.out.printf("prometheus acknowledged %,d samples in %.1f s%n", samples, prometheusSeconds);

            System.out.println("writing to vigil " + write + " ...");
            long t0 = System.nanoTime();
            double vigilAcked = bench.write(URI.create(write), series, values, first, stepMillis, shards,
                    stepsPerRequest, true);
            System.out.printf("vigil acknowledged %,d samples in %.1f s; waiting until ClickHouse holds them ...%n",
                    samples, vigilAcked);
            StoredPoints stored = new StoredPoints(clickHouse, database, run);
            long held = stored.awaitAtLeast(samples, Duration.ofMinutes(10));
            double vigilStored = (System.nanoTime() - t0) / 1e9;
            if (held != samples) {
                throw new IllegalStateException("ClickHouse holds " + held + " points of run " + run + ", " + samples
                        + " were written");
            }

            System.out.printf("%n%-58s %14s %14s %8s%n", "remote write (" + shards + " requests at a time, "
                    + stepsPerRequest * series.all().size() / shards + " samples each)", "Prometheus", "Vigil", "V / P");
            System.out.printf("%-58s %,14.0f %,14.0f %8.2f%n", "samples/s acknowledged", samples / prometheusSeconds,
                    samples / vigilAcked, prometheusSeconds / vigilAcked);
            System.out.printf("%-58s %14s %,14.0f %8.2f%n", "samples/s stored (in ClickHouse, end to end)", "",
                    samples / vigilStored, prometheusSeconds / vigilStored);

            bench.queries(prometheus.base() + "", query, run, first / 1000, end / 1000, iterations);
        }
    }

    /** Sends every sample in time order; returns the seconds it took. */
    private double write(URI url, BenchSeries series, double[][] values, long first, long stepMillis, int shards,
                         int stepsPerRequest, boolean vigil) throws Exception {
        List<List<Integer>> shardSeries = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            shardSeries.add(new ArrayList<>());
        }
        for (int i = 0; i < series.all().size(); i++) {
            shardSeries.get(i % shards).add(i);
        }
        int steps = values.length;
        int rounds = (steps + stepsPerRequest - 1) / stepsPerRequest;
        long t0 = System.nanoTime();
        try (ExecutorService senders = Executors.newFixedThreadPool(shards)) {
            for (int round = 0; round < rounds; round++) {
                int from = round * stepsPerRequest;
                int to = Math.min(steps, from + stepsPerRequest);
                // Rounds in lockstep: Prometheus refuses a sample more than an hour older than its newest.
                List<Future<?>> sent = new ArrayList<>();
                for (List<Integer> shard : shardSeries) {
                    byte[] body = WriteRequests.encode(series.all(), shard, values, from, to, first, stepMillis);
                    sent.add(senders.submit(() -> {
                        send(url, body, vigil);
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                if ((round + 1) % Math.max(1, rounds / 10) == 0) {
                    System.out.printf("  %3d%% (%.0f s)%n", (round + 1) * 100 / rounds, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** One request, sent again after a 429 or 503 once its Retry-After passed, as a remote-write client does. */
    private void send(URI url, byte[] body, boolean vigil) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                    .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (vigil) {
                ingestAuthorization.ifPresent(value -> request.header("Authorization", value));
            }
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            if (status / 100 == 2) {
                return;
            }
            if ((status == 429 || status / 100 == 5) && attempt < MAX_ATTEMPTS) {
                long seconds = answer.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                Thread.sleep(Math.max(100, seconds * 1000));
                continue;
            }
            throw new IllegalStateException("remote write to " + url + " answered " + status + ": " + answer.body()
                    + (vigil ? IngestAuthorization.hint(status) : ""));
        }
    }

    /** Typical dashboard panels over the whole range, one request at a time, alternating between the two servers. */
    private void queries(String prometheus, String vigil, String run, long start, long end, int iterations)
            throws Exception {
        String sel = "bench_run=\"" + run + "\"";
        Map<String, String> panels = new LinkedHashMap<>();
        panels.put("request rate by job", "sum by (job) (rate(bench_http_requests_total{" + sel + "}[5m]))");
        panels.put("error ratio by job", "sum by (job) (rate(bench_http_requests_total{code=\"500\"," + sel
                + "}[5m])) / sum by (job) (rate(bench_http_requests_total{" + sel + "}[5m]))");
        panels.put("p95 latency by job (histogram_quantile)", "histogram_quantile(0.95, sum by (le, job) (rate("
                + "bench_http_request_duration_seconds_bucket{" + sel + "}[5m])))");
        panels.put("top 5 memory (max_over_time)", "topk(5, max_over_time(bench_process_resident_memory_bytes{"
                + sel + "}[10m]))");
        panels.put("one gauge, raw", "bench_process_resident_memory_bytes{job=\"api-1\"," + sel + "}");
        long step = 60;
        System.out.printf("%nquery_range over %.0f h, step %d s (%,d points per series), %d requests each after 2 warm-ups%n",
                (end - start) / 3600.0, step, (end - start) / step + 1, iterations);
        System.out.printf("%-42s %10s %10s %10s %10s %8s %9s%n", "panel", "P p50 ms", "P p95 ms", "V p50 ms",
                "V p95 ms", "V / P", "series");
        for (Map.Entry<String, String> panel : panels.entrySet()) {
            String form = "query=" + encode(panel.getValue()) + "&start=" + start + "&end=" + end + "&step=" + step;
            for (int i = 0; i < 2; i++) {
                post(prometheus + "/api/v1/query_range", form, false);
                post(vigil + "/api/v1/query_range", form, true);
            }
            long[] p = new long[iterations];
            long[] v = new long[iterations];
            String pBody = "";
            String vBody = "";
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                pBody = post(prometheus + "/api/v1/query_range", form, false);
                p[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                vBody = post(vigil + "/api/v1/query_range", form, true);
                v[i] = System.nanoTime() - t0;
            }
            Percentiles pp = new Percentiles(p);
            Percentiles vp = new Percentiles(v);
            System.out.printf("%-42s %10.1f %10.1f %10.1f %10.1f %8.2f %4d / %-4d%n", panel.getKey(), pp.millis(50),
                    pp.millis(95), vp.millis(50), vp.millis(95), vp.millis(50) / pp.millis(50), count(pBody),
                    count(vBody));
        }
    }

    private static int count(String body) {
        Matcher m = SERIES_START.matcher(body);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private String post(String url, String form, boolean vigil) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (vigil && !apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
