package dev.vigil.system.webui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.devstack.testing.TestCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.demo.DemoOptions;
import dev.vigil.demo.cluster.SimulatedCluster;
import dev.vigil.demo.shop.ShopPlan;
import dev.vigil.demo.shop.ShopScenario;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web UI as a person uses it: the four packaged services on devstack, the demo's shop and its simulated
 * Kubernetes cluster sent through OTLP with the OpenTelemetry SDK, then web-ui's Playwright suite in Debian's
 * headless Chromium against query-service, which serves the UI at {@code /} and passes alert- and health-service's
 * APIs on. The suite checks each view against what the APIs return for
 * the same data, and saves a screenshot of every view to {@code system-tests/target/ui-screenshots/}.
 */
class WebUiBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long SEED = 42;
    private static final int REQUESTS = 600;
    /** Requests per simulated second: 600 requests over the last 40 minutes, so charts and sparklines have a shape. */
    private static final double RATE = 0.25;
    private static final Duration QUERYABLE_WITHIN = Duration.ofSeconds(90);
    private static final Duration SUITE_WITHIN = Duration.ofMinutes(9);
    /** The simulated cluster sends and health-service re-reads this often, so the cluster page changes while watched. */
    private static final Duration CLUSTER_TICK = Duration.ofSeconds(3);
    private static final long CLUSTER_SEED = 7;
    private static final List<PackagedService> SERVICES = new ArrayList<>();
    private static PackagedService ingest;
    private static PackagedService query;
    private static SimulatedCluster cluster;
    private static final SlackStandIn SLACK = new SlackStandIn();
    private static final String UI_USER = "browser-" + Long.toHexString(System.nanoTime());
    private static final String UI_PASSWORD = "the browser's own password";
    /** An admin of its own for access.spec.ts, which manages keys, users and ingest tokens. */
    private static final String UI_ADMIN = "browser-admin-" + Long.toHexString(System.nanoTime());
    private static final String UI_ADMIN_PASSWORD = "the browser admin's password";
    /**
     * Spec files to run, comma-separated Playwright file filters ({@code -Dvigil.ui.specs=access}) for working on
     * one view; every spec when unset, and only then are the whole suite's screenshots and Slack messages checked.
     */
    private static final List<String> ONLY_SPECS = System.getProperty("vigil.ui.specs", "").isBlank() ? List.of()
            : List.of(System.getProperty("vigil.ui.specs").split(","));

    @BeforeAll
    static void startVigilWithTheDemoShop() throws Exception {
        PlaywrightSuite.requireChromium();
        DevStack stack = SharedDevStack.get();
        Path logs = stack.stateDir().resolve("logs");
        ingest = PackagedService.ingest(Map.of());
        SERVICES.add(ingest);
        Map<String, String> infra = Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "vigil.clickhouse.url", stack.clickHouseUrl());
        Map<String, String> alertConfig = new HashMap<>(infra);
        alertConfig.putAll(Map.of(
                "quarkus.datasource.jdbc.url", stack.postgres().jdbcUrl(),
                "quarkus.datasource.reactive.url", stack.postgres().reactiveUrl(),
                "quarkus.datasource.username", stack.postgres().user(),
                "quarkus.datasource.password", stack.postgres().password(),
                // The Slack stand-in listens on loopback, which channel destinations may not reach unless allowed.
                "vigil.alert.destinations.allow", "127.0.0.1"));
        PackagedService alert = start("alert-service", alertConfig, logs, PackagedService.freePort());
        // health-service probes query-service, and query-service passes health's paths on: one port chosen first.
        int queryPort = PackagedService.freePort();
        Map<String, String> healthConfig = new HashMap<>(infra);
        healthConfig.putAll(Map.of(
                "vigil.health.services.ingest", "http://127.0.0.1:" + ingest.port(),
                "vigil.health.services.query", "http://127.0.0.1:" + queryPort,
                "vigil.health.services.alert", "http://127.0.0.1:" + alert.port(),
                "vigil.health.probe-interval", "1s",
                "vigil.health.cluster.refresh-interval", CLUSTER_TICK.toSeconds() + "s",
                "vigil.health.postgres.jdbc-url", stack.postgres().jdbcUrl(),
                "vigil.health.postgres.username", stack.postgres().user(),
                "vigil.health.postgres.password", stack.postgres().password()));
        PackagedService health = start("health-service", healthConfig, logs, PackagedService.freePort());
        Map<String, String> queryConfig = new HashMap<>(infra);
        queryConfig.putAll(Map.of(
                "vigil.query.gateway.alert-url", "http://127.0.0.1:" + alert.port(),
                "vigil.query.gateway.health-url", "http://127.0.0.1:" + health.port()));
        query = start("query-service", queryConfig, logs, queryPort);
        // The person the browser signs in as (e2e/global-setup.ts): an editor, as the specs change rules and dashboards.
        createUser(alert, UI_USER, "editor", UI_PASSWORD);
        createUser(alert, UI_ADMIN, "admin", UI_ADMIN_PASSWORD);

        cluster = SimulatedCluster.start(OtlpHttpMetricExporter.builder()
                .setEndpoint(ingest.uri("/v1/metrics").toString()).setHeaders(TestCredentials::otlpHeaders).build(),
                CLUSTER_SEED, CLUSTER_TICK);

        // A seeded run that ends now, so all of it falls in the UI's default time range (the last hour).
        Instant start = Instant.now().minusMillis(Math.round(REQUESTS * 1000 / RATE));
        new ShopScenario().run(new DemoOptions(ingest.uri("").toString(), Optional.of(TestCredentials.INGEST_TOKEN),
                Optional.of(SEED), REQUESTS, start, RATE, Optional.empty()));
        awaitQueryable();
    }

    private static void createUser(PackagedService alert, String username, String role, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> user = HTTP.send(HttpRequest.newBuilder(alert.uri("/api/v1/access/users"))
                .header("Authorization", TestCredentials.adminAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "role", role, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
    }

    private static PackagedService start(String name, Map<String, String> config, Path logs, int port) {
        PackagedService service = PackagedService.start(name, config, logs, port);
        SERVICES.add(service);
        return service;
    }

    @AfterAll
    static void stopVigil() {
        if (cluster != null) {
            cluster.close();
        }
        SLACK.close();
        SERVICES.reversed().forEach(PackagedService::close);
    }

    @Test
    @Timeout(value = 12, unit = java.util.concurrent.TimeUnit.MINUTES)
    void everyViewShowsTheDemoShopInHeadlessChromium() throws IOException {
        Path root = Path.of(System.getProperty("vigil.root"));
        Path screenshots = root.resolve("system-tests/target/ui-screenshots");
        Files.createDirectories(screenshots);
        PlaywrightSuite suite = new PlaywrightSuite(root.resolve("web-ui"), SUITE_WITHIN);
        suite.installWhenMissing();

        PlaywrightSuite.Result result = suite.test(Map.of(
                "VIGIL_UI_URL", "http://127.0.0.1:" + query.port(),
                "VIGIL_UI_SCREENSHOTS", screenshots.toString(),
                "VIGIL_UI_SLACK_STANDIN", SLACK.url(),
                "VIGIL_UI_USER", UI_USER,
                "VIGIL_UI_PASSWORD", UI_PASSWORD,
                "VIGIL_UI_ADMIN_USER", UI_ADMIN,
                "VIGIL_UI_ADMIN_PASSWORD", UI_ADMIN_PASSWORD,
                "VIGIL_UI_TEST_OUTPUT", root.resolve("system-tests/target/playwright-output").toString()), ONLY_SPECS);

        assertThat(result.exitCode())
                .as("exit code of npx playwright test in web-ui/, -1 when it ran out of time (output above, failure screenshots in"
                        + " system-tests/target/playwright-output); query-service log:\n" + query.logTail())
                .isZero();
        if (!ONLY_SPECS.isEmpty()) {
            return;
        }
        try (Stream<Path> pngs = Files.list(screenshots)) {
            assertThat(pngs.map(p -> p.getFileName().toString()))
                    .as("a screenshot of every view")
                    .contains("services.png", "service.png", "map.png", "traces.png", "trace.png", "logs.png",
                            "access-logs.png", "cluster.png", "metrics.png", "alerting-rules.png", "dashboards.png", "dashboard.png",
                            "dashboard-panel-editor.png", "access-keys.png", "access-users.png",
                            "access-ingest-tokens.png");
        }
        assertThat(SLACK.received())
                .as("what the Slack stand-in received from the rule the browser made (alerting.spec.ts)")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(JSON.readTree(r.body()).path("blocks").isArray()).isTrue());
    }

    /** Waits until every view's API answers with the shop: its services, edges, traces, logs and access logs. */
    private static void awaitQueryable() throws Exception {
        long deadline = System.nanoTime() + QUERYABLE_WITHIN.toNanos();
        String missing;
        do {
            missing = whatIsMissing();
            if (missing == null) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the demo's data was not queryable within " + QUERYABLE_WITHIN + ": " + missing
                + "\ningest log:\n" + ingest.logTail());
    }

    private static String whatIsMissing() throws Exception {
        Set<String> services = new HashSet<>();
        get("/api/v1/services?limit=1000").path("services").forEach(s -> services.add(s.path("name").asText()));
        for (String s : List.of(ShopPlan.FRONTEND, ShopPlan.CART, ShopPlan.PAYMENT, ShopPlan.INVENTORY)) {
            if (!services.contains(s)) {
                return "service " + s + " not listed (have " + services + ")";
            }
        }
        Set<String> edges = new HashSet<>();
        get("/api/v1/dependencies").path("edges")
                .forEach(e -> edges.add(e.path("source").asText() + "->" + e.path("target").asText()));
        if (!edges.containsAll(List.of("frontend->cart", "cart->payment"))) {
            return "dependency edges frontend->cart and cart->payment (have " + edges + ")";
        }
        if (get("/api/v1/traces?service=payment&status=error&limit=1").path("traces").isEmpty()) {
            return "no failed payment trace found by search";
        }
        boolean logInTrace = false;
        for (JsonNode log : get("/api/v1/logs?service=payment&limit=50").path("logs")) {
            logInTrace |= log.hasNonNull("traceId") && !log.path("traceId").asText().isEmpty();
        }
        if (!logInTrace) {
            return "no payment log record with a trace id";
        }
        if (get("/api/v1/logs/access?limit=1").path("entries").isEmpty()) {
            return "no access log entry";
        }
        HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(query.uri("/api/v1/cluster")).header("Authorization", TestCredentials.adminAuthorization())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (report.statusCode() != 200) {
            // 503 until health-service's first refresh has read the cluster's metrics.
            return "the cluster report through query-service's gateway: " + report.statusCode() + " " + report.body();
        }
        int nodes = JSON.readTree(report.body()).path("nodes").asInt();
        if (nodes != cluster.plan().nodes().size()) {
            return "the cluster has " + nodes + " nodes through query-service's gateway, not the simulated "
                    + cluster.plan().nodes().size();
        }
        return null;
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(query.uri(pathAndQuery)).header("Authorization", TestCredentials.adminAuthorization())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
