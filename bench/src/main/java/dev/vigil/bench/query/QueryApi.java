package dev.vigil.bench.query;

import dev.vigil.bench.Percentiles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** Vigil's query API and ClickHouse over HTTP, as the query benchmarks call them: one request at a time. */
public final class QueryApi {
    /** The HTTP floor of the service: its liveness check, measured in the same run as each call. */
    public static final String BASELINE_PATH = "/q/health/live";
    public static final String BASELINE = "baseline: GET " + BASELINE_PATH;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String query;
    private final String clickHouse;

    public QueryApi(String query, String clickHouse) {
        this.query = query;
        this.clickHouse = clickHouse;
    }

    /** Sends {@code n} requests one at a time, after 10 not measured, and returns their latencies. */
    public Percentiles time(int n, IntFunction<String> path) throws IOException, InterruptedException {
        for (int i = 0; i < Math.min(10, n); i++) {
            get(path.apply(i));
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            String p = path.apply(i);
            long t0 = System.nanoTime();
            get(p);
            nanos[i] = System.nanoTime() - t0;
        }
        return new Percentiles(nanos);
    }

    public void get(String path) throws IOException, InterruptedException {
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

    /** Runs SQL with {@code {name:Type}} parameters in ClickHouse; its answer as text. */
    public String clickHouse(String sql, Map<String, Object> parameters) throws IOException, InterruptedException {
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

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
