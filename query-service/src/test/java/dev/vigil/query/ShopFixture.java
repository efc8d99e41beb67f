package dev.vigil.query;

import dev.vigil.demo.shop.PlannedSpan;
import dev.vigil.demo.shop.ShopPlan;
import dev.vigil.demo.shop.ShopRequest;
import dev.vigil.demo.shop.ShopTelemetry;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.devstack.testing.TestCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The data every query test reads: the demo shop's seeded scenario — traces, logs, the mesh's access logs and
 * metrics — sent with the OpenTelemetry SDK through a packaged ingest-service (OTLP/HTTP → Kafka → persist →
 * ClickHouse), once per test JVM. Tests compute what they
 * expect from {@link #plan()}, the very requests that were sent.
 */
public final class ShopFixture {

    public static final long SEED = 20_261_122L;
    public static final int REQUESTS = 600;
    /** Two requests per second: the scenario spans five whole minutes from {@link #start()}. */
    public static final double RATE = 2.0;
    public static final Duration SPAN = Duration.ofMinutes(5);

    // Every Quarkus start in the test JVM loads this class afresh; system properties survive, so the scenario is
    // sent once and every test class sees the same start.
    private static final String START_PROPERTY = "vigil.test.shop.start";
    private static final String STORED_PROPERTY = "vigil.test.shop.stored";
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(90);

    private ShopFixture() {
    }

    /** The first request's time: a whole minute, 20 minutes before the test JVM first asked. */
    public static synchronized Instant start() {
        String stored = System.getProperty(START_PROPERTY);
        if (stored != null) {
            return Instant.parse(stored);
        }
        // The trace tests' own spans (StoredTraces) lie three hours back, well clear of this window.
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(20));
        System.setProperty(START_PROPERTY, start.toString());
        return start;
    }

    /** The end of the scenario's five minutes: every span starts before it. */
    public static Instant end() {
        return start().plus(SPAN);
    }

    public static List<ShopRequest> plan() {
        return ShopPlan.generate(SEED, REQUESTS, start(), RATE);
    }

    public static List<PlannedSpan> spans() {
        return plan().stream().flatMap(r -> r.spans().stream()).toList();
    }

    public static List<PlannedSpan> spans(Predicate<PlannedSpan> filter) {
        return spans().stream().filter(filter).toList();
    }

    /** Sends the scenario through the real OTLP path unless this JVM did already, and waits until it is stored. */
    public static synchronized void ensureStored() throws Exception {
        if (System.getProperty(STORED_PROPERTY) != null) {
            return;
        }
        DevStack stack = SharedDevStack.get();
        List<ShopRequest> plan = plan();
        long expected = plan.stream().mapToLong(r -> r.spans().size()).sum();
        try (PackagedService ingest = PackagedService.start("ingest-service", Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "vigil.clickhouse.url", stack.clickHouseUrl(),
                // Its OTLP/gRPC port too must not collide with anything else running on the machine.
                "quarkus.grpc.server.port", Integer.toString(freePort())))) {
            try (ShopTelemetry telemetry = new ShopTelemetry(ingest.uri("").toString(),
                    Optional.of(TestCredentials.INGEST_TOKEN), EnumSet.allOf(ShopTelemetry.Signal.class),
                    nanos(start()))) {
                telemetry.send(plan);
                telemetry.flushMetrics();
            }
            String window = " WHERE Timestamp >= toDateTime64(" + start().getEpochSecond() + ", 9) AND Timestamp < "
                    + "toDateTime64(" + end().getEpochSecond() + ", 9)";
            awaitCount(stack.clickHouseUrl(), "SELECT count() FROM vigil.otel_traces" + window, expected, ingest);
            // A log record per request served, and the mesh's access log of it.
            long served = plan.stream().flatMap(r -> r.spans().stream())
                    .filter(s -> s.kind() == PlannedSpan.Kind.SERVER).count();
            awaitCount(stack.clickHouseUrl(), "SELECT count() FROM vigil.otel_logs" + window, 2 * served, ingest);
            awaitCount(stack.clickHouseUrl(), "SELECT count() FROM vigil.vigil_access_logs" + window, served, ingest);
            // Two gauges per service at every collection, the last one at the end of the scenario.
            awaitCount(stack.clickHouseUrl(), "SELECT count() FROM vigil.otel_metrics_gauge WHERE TimeUnix > "
                    + "toDateTime(" + start().getEpochSecond() + ") AND TimeUnix <= toDateTime("
                    + end().getEpochSecond() + ")", 2 * 4 * COLLECTIONS, ingest);
            awaitCount(stack.clickHouseUrl(), "SELECT uniq(ServiceName) FROM vigil.otel_metrics_histogram WHERE "
                    + "TimeUnix = toDateTime(" + end().getEpochSecond() + ")", 4, ingest);
        }
        System.setProperty(STORED_PROPERTY, "true");
    }

    /** The metrics are collected every 10 s of the scenario, the last time at its end. */
    public static final int COLLECTIONS = (int) (SPAN.toNanos() / ShopTelemetry.METRIC_INTERVAL_NANOS);

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitCount(String clickHouseUrl, String sql, long expected, PackagedService ingest)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + STORE_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(clickHouseUrl + "/?query="
                    + URLEncoder.encode(sql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            last = answer.body().strip();
            if (answer.statusCode() == 200 && last.equals(Long.toString(expected))) {
                return;
            }
            if (answer.statusCode() == 200 && !last.isEmpty() && Long.parseLong(last) > expected) {
                throw new IllegalStateException("'" + sql + "' answers " + last + ", more than the " + expected
                        + " sent");
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("'" + sql + "' answers " + last + ", not " + expected + ", after "
                + STORE_TIMEOUT + "; ingest log:\n" + ingest.logTail());
    }

    /** The answer of ClickHouse (the shared devstack's) to {@code sql}, stripped. */
    public static String clickHouse(String sql) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(SharedDevStack.get().clickHouseUrl() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("'" + sql + "' failed: " + answer.body());
        }
        return answer.body().strip();
    }

    public static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** ClickHouse's {@code quantile}: linear interpolation between the two nearest of the sorted values. */
    public static double quantile(List<Long> values, double level) {
        List<Long> sorted = values.stream().sorted().toList();
        double index = level * (sorted.size() - 1);
        int lower = (int) Math.floor(index);
        int upper = Math.min(lower + 1, sorted.size() - 1);
        return sorted.get(lower) + (index - lower) * (sorted.get(upper) - sorted.get(lower));
    }
}
