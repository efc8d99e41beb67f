package dev.vigil.system.prometheus;

import dev.vigil.devstack.testing.TestCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.system.prometheus.RemoteWrite.Sample;
import dev.vigil.system.prometheus.RemoteWrite.TimeSeries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Prometheus rule file that {@code promtool check rules} accepts, loaded into a real Prometheus (Debian's package) and
 * imported into Vigil's packaged alert-service: the same live samples go to both (the test remote-writes them to
 * Prometheus, whose remote-write client forwards them to Vigil's ingest-service), and the alerts that fire, and those
 * that are pending, must be the same in both, by alert name and label set. The rules cover a plain threshold, {@code for}
 * that passes and one that does not within the test, a rate over counters, an aggregation, {@code absent} and rules that
 * never hold; a recording rule is skipped by the import.
 *
 * <p>Rules are evaluated at the wall clock, so the samples are written as time passes, every 2 s, from a little after
 * Prometheus starts (its remote-write client forwards only samples newer than its start). Metric names carry the run's
 * id, so nothing another test or run wrote is matched.
 */
class PromQlRulesTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "vigil-rules-compat";
    private static final Set<String> ALERTS = Set.of("TempHigh", "TempHighFor20s", "TempHighForAnHour", "TempAbsurd",
            "ErrorsFast", "JobGone", "NodeSumHuge");

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String TEMP = "rt" + RUN + "_temp_celsius";
    private static final String REQUESTS = "rt" + RUN + "_requests_total";

    private static PackagedService ingest;
    private static PackagedService alert;
    private static PrometheusServer prometheus;
    private static ScheduledExecutorService feeder;
    private static Path ruleFile;
    private static JsonNode imported;

    @BeforeAll
    static void start() throws Exception {
        ruleFile = Files.createTempFile("vigil-rules", ".yml");
        Files.writeString(ruleFile, """
                groups:
                  - name: %3$s
                    interval: 2s
                    rules:
                      - record: job:%2$s:rate1m
                        expr: sum by (job) (rate(%2$s[1m]))
                      - alert: TempHigh
                        expr: %1$s > 50
                        labels:
                          severity: page
                        annotations:
                          summary: "{{ $labels.instance }} is at {{ $value }} degrees"
                      - alert: TempHighFor20s
                        expr: %1$s > 50
                        for: 20s
                      - alert: TempHighForAnHour
                        expr: %1$s > 50
                        for: 1h
                      - alert: TempAbsurd
                        expr: %1$s > 1000
                      - alert: ErrorsFast
                        expr: sum by (job, instance) (rate(%2$s{code="500"}[1m])) > 0.5
                        keep_firing_for: 10s
                      - alert: JobGone
                        expr: absent(%1$s{job="gone"})
                      - alert: NodeSumHuge
                        expr: sum by (job) (%1$s) > 1e9
                """.formatted(TEMP, REQUESTS, GROUP));

        DevStack stack = SharedDevStack.get();
        ingest = PackagedService.ingest(Map.of());
        Map<String, String> alertConfig = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "vigil.clickhouse.url", stack.clickHouseUrl(),
                "quarkus.datasource.jdbc.url", stack.postgres().jdbcUrl(),
                "quarkus.datasource.reactive.url", stack.postgres().reactiveUrl(),
                "quarkus.datasource.username", stack.postgres().user(),
                "quarkus.datasource.password", stack.postgres().password(),
                // The file's 2 s interval: below the shipped 10 s floor, which exists to protect a busy ClickHouse.
                "vigil.alert.rules.min-interval", "1s"));
        alert = PackagedService.start("alert-service", alertConfig);
        prometheus = PrometheusServer.start(ingest.uri("/api/v1/write"), PackagedService.freePort(), ruleFile);

        long startedMs = System.currentTimeMillis() + 1000;
        feeder = Executors.newSingleThreadScheduledExecutor();
        feeder.scheduleAtFixedRate(() -> feed(startedMs), 1000, 2000, TimeUnit.MILLISECONDS);
    }

    /** One sample per series at the current time: constant temperatures, counters growing at constant rates. */
    private static void feed(long startedMs) {
        long now = System.currentTimeMillis();
        double seconds = (now - startedMs) / 1000.0;
        List<TimeSeries> series = new ArrayList<>();
        for (Map.Entry<String, Double> e : Map.of("n1:9100", 60.0, "n2:9100", 40.0, "n3:9100", 55.0).entrySet()) {
            series.add(series(TEMP, Map.of("job", "node", "instance", e.getKey()), e.getValue(), now));
        }
        // Requests per second by instance and code: only a:80's errors are faster than the rule's 0.5/s.
        series.add(series(REQUESTS, Map.of("job", "api", "instance", "a:80", "code", "500"), 2 * seconds, now));
        series.add(series(REQUESTS, Map.of("job", "api", "instance", "b:80", "code", "500"), 0.1 * seconds, now));
        series.add(series(REQUESTS, Map.of("job", "api", "instance", "a:80", "code", "200"), 5 * seconds, now));
        try {
            RemoteWrite.send(prometheus.uri("/api/v1/write"), series);
        } catch (IOException | RuntimeException e) {
            System.err.println("remote write to Prometheus failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TimeSeries series(String name, Map<String, String> labels, double value, long atMs) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put("__name__", name);
        return new TimeSeries(all, List.of(new Sample(value, atMs)));
    }

    @AfterAll
    static void stop() throws IOException {
        if (feeder != null) {
            feeder.shutdownNow();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (alert != null) {
            alert.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (ruleFile != null) {
            Files.deleteIfExists(ruleFile);
        }
    }

    @Test
    void promtoolAcceptsTheRuleFileAndVigilImportsItsAlertingRules() throws Exception {
        Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", ruleFile.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as("promtool check rules:\n%s", output).isZero();

        JsonNode answer = importRules();

        List<String> created = new ArrayList<>();
        answer.path("created").forEach(r -> created.add(r.path("name").asText()));
        answer.path("updated").forEach(r -> created.add(r.path("name").asText()));
        assertThat(created).containsExactlyInAnyOrderElementsOf(ALERTS);
        assertThat(answer.path("problems").size()).as("problems: %s", answer.path("problems")).isZero();
        assertThat(answer.path("skipped").get(0).path("name").asText()).isEqualTo("job:" + REQUESTS + ":rate1m");
    }

    @Test
    void theSameAlertsFireAndArePendingInVigilAsInPrometheus() throws Exception {
        importRules();
        Set<String> expectedFiring = Set.of(
                "ErrorsFast{alertname=ErrorsFast, instance=a:80, job=api}",
                "JobGone{alertname=JobGone, job=gone}",
                "TempHigh{alertname=TempHigh, instance=n1:9100, job=node, severity=page}",
                "TempHigh{alertname=TempHigh, instance=n3:9100, job=node, severity=page}",
                "TempHighFor20s{alertname=TempHighFor20s, instance=n1:9100, job=node}",
                "TempHighFor20s{alertname=TempHighFor20s, instance=n3:9100, job=node}");
        Set<String> expectedPending = Set.of(
                "TempHighForAnHour{alertname=TempHighForAnHour, instance=n1:9100, job=node}",
                "TempHighForAnHour{alertname=TempHighForAnHour, instance=n3:9100, job=node}");

        // Prometheus first: its answer is the reference, and the test's data must make it what the rules intend.
        awaitEqual("Prometheus's alerts", () -> prometheusAlerts("firing"), expectedFiring, Duration.ofSeconds(90));
        assertThat(prometheusAlerts("pending")).isEqualTo(expectedPending);

        awaitEqual("Vigil's firing alerts", () -> vigilAlerts("firing"), prometheusAlerts("firing"), Duration.ofSeconds(60));
        assertThat(vigilAlerts("pending")).as("Vigil's pending alerts").isEqualTo(prometheusAlerts("pending"));
        assertThat(vigilAlerts("nodata")).as("PromQL rules never go to nodata unless they say so").isEmpty();
    }

    private static JsonNode importRules() throws Exception {
        synchronized (PromQlRulesTest.class) {
            if (imported == null) {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(alert.uri("/api/v1/rules/import"))
                        .header("Content-Type", "application/yaml")
                        .header("Authorization", TestCredentials.adminAuthorization())
                        .POST(HttpRequest.BodyPublishers.ofString(Files.readString(ruleFile))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("import answered %s", answer.body()).isEqualTo(200);
                imported = JSON.readTree(answer.body());
            }
            return imported;
        }
    }

    private static void awaitEqual(String what, Supplier<Set<String>> actual, Set<String> expected, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> seen = actual.get();
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            seen = actual.get();
        }
        assertThat(seen).as(what).isEqualTo(expected);
    }

    /** Prometheus's alerts of the file in this state, each as {@code alertname{labels}}. */
    private static Set<String> prometheusAlerts(String state) {
        Set<String> out = new TreeSet<>();
        for (JsonNode a : get(prometheus.uri("/api/v1/alerts")).path("data").path("alerts")) {
            if (a.path("state").asText().equals(state)) {
                out.add(describe(a.path("labels")));
            }
        }
        return out;
    }

    /** Vigil's alerts of the file's rules in this state, each as {@code alertname{labels}}. */
    private static Set<String> vigilAlerts(String state) {
        Set<String> out = new TreeSet<>();
        for (JsonNode a : get(alert.uri("/api/v1/alerts"))) {
            String name = a.path("labels").path("alertname").asText();
            if (a.path("state").asText().equals(state) && ALERTS.contains(name)) {
                out.add(describe(a.path("labels")));
            }
        }
        return out;
    }

    private static String describe(JsonNode labels) {
        Map<String, String> sorted = new TreeMap<>();
        labels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        return sorted.get("alertname") + sorted;
    }

    private static JsonNode get(URI uri) {
        try {
            // Vigil needs a key; Prometheus ignores the header.
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Authorization", TestCredentials.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("%s answered %s", uri, answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(uri + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
