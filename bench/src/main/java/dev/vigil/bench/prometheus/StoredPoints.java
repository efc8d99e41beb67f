package dev.vigil.bench.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Counts the points of one benchmark run that ClickHouse holds, straight from the table remote write lands in. */
final class StoredPoints {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String clickHouse;
    private final String sql;
    private final String run;

    StoredPoints(String clickHouse, String database, String run) {
        this.clickHouse = clickHouse;
        this.run = run;
        this.sql = "SELECT count() FROM `" + database + "`.otel_metrics_gauge WHERE ScopeName = "
                + "'vigil.prometheus.remote-write' AND MetricName LIKE 'bench\\\\_%' AND Attributes['bench_run'] = {run:String}";
    }

    /** Waits until at least {@code expected} points are there; returns how many are. */
    long awaitAtLeast(long expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long held = 0;
        while (System.nanoTime() < deadline) {
            held = count();
            if (held >= expected) {
                return held;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("after " + timeout.toSeconds() + " s ClickHouse holds " + held + " of "
                + expected + " points of run " + run);
    }

    private long count() throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(clickHouse + "/?param_run="
                        + URLEncoder.encode(run, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse answered " + answer.statusCode() + ": " + answer.body());
        }
        return Long.parseLong(answer.body().strip());
    }
}
