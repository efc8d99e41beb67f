package dev.vigil.system.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vigil's PromQL against Prometheus's own: the test remote-writes deterministic series to a real Prometheus (Debian's
 * package), whose own remote-write client forwards them to Vigil's ingest-service; then every expression of
 * {@code promql/expressions.txt} runs as instant queries at a few times and as a range query against both, and the
 * answers must agree, except where {@code promql/known-differences.txt} says why they do not (and then they must
 * still differ, so that list stays true). Grafana's data-source requests are compared the same way.
 *
 * <p>Prometheus's remote-write client forwards only samples newer than its own start (its WAL watcher skips older
 * ones), so the samples lie in the 50 minutes after Prometheus starts, and the queries ask about that future window.
 * Query times are 7 s off the 15 s sample grid, so that no sample sits on a range's left edge: Prometheus 2.x closes
 * ranges on the left ([t-r, t]) and 3.x opens them, and the answers must not depend on which. No two counters are equal
 * at any time, so topk and bottomk have no ties to break.
 */
class PromQlCompatibilityTest {
    private static final long MINUTE = 60_000;
    private static final long OFF_GRID_MS = 7_000;
    private static final Pattern BASE_TIME = Pattern.compile("\\$\\{base\\+(\\d+)}");

    private static PackagedService ingest;
    private static PackagedService query;
    private static PrometheusServer prometheus;
    private static PromApi reference;
    private static PromApi vigil;
    private static CompatData data;
    private static long baseMs;

    @BeforeAll
    static void startAndLoad() throws Exception {
        DevStack stack = SharedDevStack.get();
        ingest = PackagedService.ingest(Map.of());
        query = PackagedService.start("query-service", Map.of("kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "vigil.clickhouse.url", stack.clickHouseUrl()));
        prometheus = PrometheusServer.start(ingest.uri("/api/v1/write"), PackagedService.freePort());
        System.out.println("reference: " + prometheus.version());
        reference = new PromApi("prometheus", prometheus.uri("/api/v1"));
        vigil = new PromApi("vigil", query.uri("/prometheus/api/v1"));
        // Whole seconds, a little after Prometheus started, so its remote-write client forwards every sample; 7 s past a
        // multiple of 15 s, so that neither query times (grid + 7 s + whole minutes) nor subquery steps (multiples of
        // 30 s) ever fall on a sample.
        long seconds = System.currentTimeMillis() / 1000 + 5;
        baseMs = (seconds + Math.floorMod(7 - seconds, 15)) * 1000;
        data = new CompatData(baseMs);
        for (int from = 0; from < CompatData.STEPS; from += 20) {
            RemoteWrite.send(prometheus.uri("/api/v1/write"), data.window(from, from + 20));
        }
        awaitVigilHoldsEverySample();
    }

    private static void awaitVigilHoldsEverySample() throws InterruptedException {
        long at = data.at(CompatData.STEPS) + OFF_GRID_MS;
        long expected = data.valueSamples();
        assertThat(heldSamples(reference, at)).as("samples Prometheus holds").isEqualTo(expected);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long held = heldSamples(vigil, at);
        while (held != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Vigil holds " + held + " of the " + expected + " samples after 90 s");
            }
            Thread.sleep(500);
            held = heldSamples(vigil, at);
        }
    }

    /** The points of every suite series in the hour before {@code atMs}, read back as a range vector. */
    private static long heldSamples(PromApi api, long atMs) {
        JsonNode answer = api.get("/query", List.of(Map.entry("query", "{__name__=~\"pc_.+\"}[1h]"),
                Map.entry("time", PromApi.seconds(atMs))));
        long points = 0;
        for (JsonNode series : answer.path("data").path("result")) {
            points += series.path("values").size();
        }
        return points;
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (query != null) {
            query.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void everyExpressionAnswersAsPrometheusDoesOrDiffersForItsListedReason() throws IOException {
        List<String> expressions = lines("promql/expressions.txt");
        Map<String, String> known = new LinkedHashMap<>();
        for (String line : lines("promql/known-differences.txt")) {
            int split = line.indexOf(" ## ");
            assertThat(split).as("known difference without ' ## reason': %s", line).isPositive();
            known.put(line.substring(0, split).strip(), line.substring(split + 4).strip());
        }
        assertThat(expressions).as("expressions").hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
        assertThat(expressions).as("every known difference names an expression of the suite").containsAll(known.keySet());

        long started = System.nanoTime();
        // Minutes after the first sample: early, after the stop and the late start, near the end, after the last sample.
        List<Long> instants = List.of(10L, 31L, 49L, 53L);
        List<String> unexpected = new ArrayList<>();
        Set<String> differing = new HashSet<>();
        int agreeing = 0;
        for (String template : expressions) {
            String expr = withTimes(template);
            String difference = null;
            for (long minute : instants) {
                List<Map.Entry<String, String>> params = List.of(Map.entry("query", expr),
                        Map.entry("time", PromApi.seconds(baseMs + minute * MINUTE + OFF_GRID_MS)));
                difference = Answers.difference(reference.get("/query", params), vigil.get("/query", params));
                if (difference != null) {
                    difference = "instant @" + minute + "m: " + difference;
                    break;
                }
            }
            if (difference == null) {
                List<Map.Entry<String, String>> params = List.of(Map.entry("query", expr),
                        Map.entry("start", PromApi.seconds(baseMs + OFF_GRID_MS)),
                        Map.entry("end", PromApi.seconds(baseMs + 56 * MINUTE + OFF_GRID_MS)), Map.entry("step", "60"));
                difference = Answers.difference(reference.get("/query_range", params), vigil.get("/query_range", params));
                difference = difference == null ? null : "range: " + difference;
            }
            if (difference == null) {
                agreeing++;
                if (known.containsKey(template)) {
                    unexpected.add(row(template, "listed as a known difference but agrees now"));
                }
            } else {
                differing.add(template);
                if (!known.containsKey(template)) {
                    unexpected.add(row(template, difference));
                }
            }
        }
        System.out.printf("PromQL compatibility: %d expressions (x%d instant + 1 range), %d agree, %d known differences, %d unexpected, %d s%n",
                expressions.size(), instants.size(), agreeing, differing.size(), unexpected.size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        known.forEach((e, why) -> System.out.println("  known: " + e + "  -- " + why));
        assertThat(unexpected).as("expressions whose answers differ from Prometheus's (expression | what differs)\n"
                + String.join("\n", unexpected)).isEmpty();
    }

    @Test
    void grafanaSaveAndTestQueryIsAnsweredAsPrometheusAnswersIt() {
        var params = List.of(Map.entry("query", "1+1"), Map.entry("time", PromApi.seconds(System.currentTimeMillis())));
        assertAgree("/query", params, true);
    }

    @Test
    void grafanaLabelBrowserRequestsAreAnsweredAsPrometheusAnswersThem() {
        var window = List.of(Map.entry("start", PromApi.seconds(baseMs)), Map.entry("end", PromApi.seconds(data.at(CompatData.STEPS))));
        assertAgree("/labels", with(window, "match[]", "{job=~\"api|node\"}"), true);
        assertAgree("/label/__name__/values", with(window, "match[]", "{__name__=~\"pc_.+\"}"), true);
        assertAgree("/label/job/values", with(window, "match[]", "pc_http_requests_total"), true);
        assertAgree("/label/instance/values", with(window, "match[]", "pc_cpu_temp_celsius{job=\"node\"}"), true);
        assertAgree("/series", with(window, "match[]", "pc_request_duration_seconds_bucket{instance=\"a:80\"}"), true);
        assertAgree("/series", with(with(window, "match[]", "pc_late_gauge"), "match[]", "{__name__=~\"pc_batch.*\"}"), true);
        // Without match[] both list every metric they hold, and the shared ClickHouse holds other tests' metrics too.
        assertThat(names(vigil.get("/label/__name__/values", window))).containsAll(names(reference.get("/label/__name__/values", window)));
        assertThat(names(vigil.get("/labels", window))).containsAll(names(reference.get("/labels", window)));
    }

    @Test
    void grafanaStepAlignedRangeQueriesAreAnsweredAsPrometheusAnswersThemByGetAndPost() {
        for (long step : List.of(15L, 60L, 300L)) {
            long start = (baseMs / 1000 + 600) / step * step;
            long end = (baseMs / 1000 + 3000) / step * step;
            var params = List.of(Map.entry("query", "sum by (job) (rate(pc_http_requests_total[5m]))"),
                    Map.entry("start", Long.toString(start)), Map.entry("end", Long.toString(end)), Map.entry("step", Long.toString(step)));
            assertAgree("/query_range", params, true);
            assertAgree("/query_range", params, false);
        }
        var quantile = List.of(Map.entry("query", "histogram_quantile(0.9, sum by (le) (rate(pc_request_duration_seconds_bucket[5m])))"),
                Map.entry("start", Long.toString((baseMs / 1000 + 600) / 30 * 30)), Map.entry("end", Long.toString((baseMs / 1000 + 2400) / 30 * 30)),
                Map.entry("step", "30"));
        assertAgree("/query_range", quantile, false);
    }

    @Test
    void grafanaMetadataRequestIsAnsweredForRemoteWrittenSeriesAsPrometheusAnswersIt() {
        JsonNode expected = reference.get("/metadata", List.of(Map.entry("metric", "pc_cpu_temp_celsius")));
        JsonNode actual = vigil.get("/metadata", List.of(Map.entry("metric", "pc_cpu_temp_celsius")));
        assertThat(actual.path("status").asText()).isEqualTo("success");
        assertThat(actual.path("data")).as("Prometheus keeps no metadata for remote-written series: " + expected).isEqualTo(expected.path("data"));
    }

    private static void assertAgree(String path, List<Map.Entry<String, String>> params, boolean get) {
        JsonNode expected = get ? reference.get(path, params) : reference.post(path, params);
        JsonNode actual = get ? vigil.get(path, params) : vigil.post(path, params);
        assertThat(expected.path("status").asText()).as("Prometheus answers %s %s: %s", path, params, expected).isEqualTo("success");
        if (expected.path("data").isArray()) {
            assertThat(names(actual.path("data").isArray() ? actual : null)).as("%s %s (%s)", path, params, get ? "GET" : "POST")
                    .isEqualTo(names(expected));
        } else {
            assertThat(Answers.difference(expected, actual)).as("%s %s (%s): %s vs %s", path, params, get ? "GET" : "POST", expected, actual)
                    .isNull();
        }
    }

    /** The items of a list answer, label sets or names, as a set: Prometheus promises no order for series. */
    private static Set<String> names(JsonNode answer) {
        assertThat(answer).as("a list answer").isNotNull();
        Set<String> out = new TreeSet<>();
        for (Iterator<JsonNode> it = answer.path("data").elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            out.add(item.isObject() ? Answers.labels(item) : item.asText());
        }
        return out;
    }

    private static List<Map.Entry<String, String>> with(List<Map.Entry<String, String>> params, String name, String value) {
        List<Map.Entry<String, String>> out = new ArrayList<>(params);
        out.add(Map.entry(name, value));
        return out;
    }

    /** {@code ${base+600}}: the seconds of the first sample plus 600, for {@code @} modifiers. */
    private static String withTimes(String template) {
        Matcher m = BASE_TIME.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Long.toString(baseMs / 1000 + Long.parseLong(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    private static String row(String expression, String what) {
        return expression + " | " + what;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = PromQlCompatibilityTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
