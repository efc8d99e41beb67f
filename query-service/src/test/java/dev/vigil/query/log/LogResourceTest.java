package dev.vigil.query.log;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.demo.shop.PlannedSpan;
import dev.vigil.demo.shop.ShopPlan;
import dev.vigil.demo.shop.ShopRequest;
import dev.vigil.demo.shop.ShopTelemetry;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.query.ShopFixture;
import dev.vigil.query.trace.Timestamps;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class LogResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void storeShop() throws Exception {
        ShopFixture.ensureStored();
    }

    private static JsonNode get(String path, String... keyValues) throws Exception {
        Map<String, String> query = new HashMap<>(Map.of("from", ShopFixture.start().toString(),
                "to", ShopFixture.end().toString(), "limit", "1000"));
        for (int i = 0; i < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        Response response = given().queryParams(query).get(path);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    /** The app log records the shop wrote, one per request served, newest first: "time body". */
    private static List<String> expectedLogs(Predicate<PlannedSpan> served) {
        return ShopFixture.spans(s -> s.kind() == PlannedSpan.Kind.SERVER && served.test(s)).stream()
                .sorted(Comparator.comparingLong(PlannedSpan::endNanos).reversed())
                .map(s -> Timestamps.fromUnixNanos(s.endNanos()) + " " + s.name() + " answered "
                        + s.attributes().get("http.response.status_code") + " in " + s.durationNanos() / 1_000 + " us"
                        + (s.error() ? ": " + s.statusMessage() : ""))
                .toList();
    }

    private static List<String> actualLogs(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("logs").forEach(l -> out.add(l.get("time").asText() + " " + l.get("body").asText()));
        return out;
    }

    @Test
    void answersAServicesLogRecordsNewestFirstFieldForField() throws Exception {
        JsonNode page = get("/api/v1/logs", "service", ShopPlan.CART);

        assertThat(actualLogs(page)).containsExactlyElementsOf(expectedLogs(s -> s.service().equals(ShopPlan.CART)));
        JsonNode first = page.get("logs").get(0);
        PlannedSpan newest = ShopFixture.spans(s -> s.kind() == PlannedSpan.Kind.SERVER
                && s.service().equals(ShopPlan.CART)).stream().max(Comparator.comparingLong(PlannedSpan::endNanos))
                .orElseThrow();
        assertThat(first.get("traceId").asText()).isEqualTo(newest.traceId());
        assertThat(first.get("spanId").asText()).isEqualTo(newest.spanId());
        assertThat(first.get("serviceName").asText()).isEqualTo(ShopPlan.CART);
        assertThat(first.get("severityText").asText()).isEqualTo(newest.error() ? "ERROR" : "INFO");
        assertThat(first.get("severityNumber").asInt()).isEqualTo(newest.error() ? 17 : 9);
        assertThat(first.get("attributes").get("http.route").asText()).isEqualTo("/cart/checkout");
        assertThat(first.get("resourceAttributes").get("k8s.pod.name").asText())
                .isEqualTo(ShopTelemetry.podName(ShopPlan.CART));
    }

    @Test
    void filtersByLeastSeverity() throws Exception {
        JsonNode page = get("/api/v1/logs", "severity", "error");

        assertThat(actualLogs(page)).containsExactlyElementsOf(expectedLogs(PlannedSpan::error));
    }

    @Test
    void findsTextInTheBodyIgnoringCase() throws Exception {
        JsonNode page = get("/api/v1/logs", "q", "PROVIDER unavailable");

        List<String> expected = expectedLogs(s -> s.error() && s.statusMessage().equals("payment provider unavailable"));
        assertThat(expected).isNotEmpty();
        assertThat(actualLogs(page)).containsExactlyElementsOf(expected);
    }

    @Test
    void findsTheRecordsOfATraceIncludingTheMeshsAccessLogs() throws Exception {
        ShopRequest request = ShopFixture.plan().stream().filter(r -> r.spans().size() == 8).findFirst().orElseThrow();

        JsonNode page = get("/api/v1/logs", "traceId", request.traceId().toUpperCase());

        long served = request.spans().stream().filter(s -> s.kind() == PlannedSpan.Kind.SERVER).count();
        assertThat(page.get("logs")).hasSize((int) (2 * served));
        List<String> services = new ArrayList<>();
        page.get("logs").forEach(l -> services.add(l.get("serviceName").asText()));
        assertThat(services.stream().filter(ShopTelemetry.MESH_PROXY::equals)).hasSize((int) served);
    }

    @Test
    void filtersByRecordAndResourceAttributes() throws Exception {
        JsonNode page = get("/api/v1/logs", "attr.http.route", "/stock", "resource.k8s.deployment.name",
                ShopPlan.INVENTORY);

        assertThat(actualLogs(page)).containsExactlyElementsOf(expectedLogs(s -> s.service().equals(ShopPlan.INVENTORY)));
    }

    @Test
    void pagesWithTheCursorWithoutRepeatsOrGaps() throws Exception {
        List<String> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = cursor == null
                    ? get("/api/v1/logs", "service", ShopPlan.PAYMENT, "limit", "40")
                    : get("/api/v1/logs", "service", ShopPlan.PAYMENT, "limit", "40", "cursor", cursor);
            all.addAll(actualLogs(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 100);

        List<String> expected = expectedLogs(s -> s.service().equals(ShopPlan.PAYMENT));
        assertThat(all).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 39) / 40);
    }

    /** The access logs of requests served, newest first: "time source -> destination code method path ns". */
    private static List<String> expectedAccess(Predicate<PlannedSpan> served) {
        Map<String, String> callerService = new HashMap<>();
        ShopFixture.spans().forEach(s -> callerService.put(s.spanId(), s.service()));
        return ShopFixture.spans(s -> s.kind() == PlannedSpan.Kind.SERVER && served.test(s)).stream()
                .sorted(Comparator.comparingLong(PlannedSpan::endNanos).reversed())
                .map(s -> Timestamps.fromUnixNanos(s.endNanos()) + " "
                        + (s.parentSpanId().isEmpty()
                                ? (s.service().equals(ShopPlan.INVENTORY) ? ShopTelemetry.STOCK_SYNC : ShopTelemetry.INGRESS)
                                : callerService.get(s.parentSpanId()))
                        + " -> " + s.service() + " " + s.attributes().get("http.response.status_code") + " "
                        + s.attributes().get("http.request.method") + " " + s.attributes().get("url.path") + " "
                        + s.durationNanos() / 1_000 * 1_000)
                .toList();
    }

    private static List<String> actualAccess(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("entries").forEach(e -> out.add(e.get("time").asText() + " " + e.get("sourceWorkload").asText()
                + " -> " + e.get("destinationWorkload").asText() + " " + e.get("responseCode").asInt() + " "
                + e.get("method").asText() + " " + e.get("path").asText() + " " + e.get("durationNanos").asLong()));
        return out;
    }

    @Test
    void answersAccessLogsBySourceAndDestinationWorkload() throws Exception {
        JsonNode page = get("/api/v1/logs/access", "source", ShopPlan.CART, "destination", ShopPlan.PAYMENT);

        assertThat(actualAccess(page)).containsExactlyElementsOf(expectedAccess(s -> s.service().equals(ShopPlan.PAYMENT)));
        assertThat(page.get("entries").get(0).get("sourceNamespace").asText()).isEqualTo(ShopPlan.NAMESPACE);
    }

    @Test
    void filtersAccessLogsByResponseCodeClassAndExactCode() throws Exception {
        JsonNode errors = get("/api/v1/logs/access", "code", "5xx");
        JsonNode unavailable = get("/api/v1/logs/access", "code", "503", "destinationNamespace", ShopPlan.NAMESPACE);

        assertThat(actualAccess(errors)).containsExactlyElementsOf(expectedAccess(PlannedSpan::error));
        assertThat(actualAccess(unavailable)).containsExactlyElementsOf(expectedAccess(
                s -> Long.valueOf(503).equals(s.attributes().get("http.response.status_code"))));
    }

    @Test
    void namesTheIngressGatewayAsTheSourceOfTheFrontendsRequests() throws Exception {
        JsonNode page = get("/api/v1/logs/access", "source", ShopTelemetry.INGRESS, "sourceNamespace", "istio-system",
                "method", "post");

        assertThat(actualAccess(page)).containsExactlyElementsOf(expectedAccess(
                s -> s.service().equals(ShopPlan.FRONTEND) && s.name().equals("POST /checkout")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/logs?severity=loud", "/api/v1/logs?traceId=abc", "/api/v1/logs?cursor=eA",
        "/api/v1/logs?level=INFO", "/api/v1/logs?limit=0", "/api/v1/logs?q=%00", "/api/v1/logs/access?code=600",
        "/api/v1/logs/access?code=5x", "/api/v1/logs/access?resource.k8s.pod.name=x", "/api/v1/logs/access?dest=cart",
        "/api/v1/logs/access?from=2026-11-22T10:00:00Z&to=2026-11-22T09:00:00Z"}) // fixed date: ends before it starts, refused
    void rejectsBadParametersWith400NamingTheParameter(String path) throws Exception {
        Response response = given().urlEncodingEnabled(false).get(path);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        String query = path.substring(path.indexOf('?') + 1);
        String name = query.substring(0, query.indexOf('='));
        assertThat(JSON.readTree(response.asString()).get("message").asText())
                .contains(name.startsWith("resource.") ? "'resource.KEY'" : "'" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'; DROP TABLE otel_logs; --", "\\'", "%' OR 1=1 --"})
    void findsNothingForInjectionAttempts(String value) throws Exception {
        assertThat(get("/api/v1/logs", "q", value, "service", value).get("logs")).isEmpty();
        assertThat(get("/api/v1/logs/access", "source", value, "destination", value).get("entries")).isEmpty();
    }

    /** Severity classes in the order the volume answers them. */
    private static final List<String> CLASSES = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL",
            "UNSPECIFIED");

    /**
     * The shop's log records per bucket of {@code step} seconds from the scenario's start, as "time CLASS=n ...":
     * per request served, the service's own record (ERROR or INFO) when {@code app} accepts it, and the mesh's
     * access log (INFO) when {@code mesh} does.
     */
    private static List<String> expectedVolume(long fromSecond, long toSecond, long step, Predicate<PlannedSpan> app,
            Predicate<PlannedSpan> mesh) {
        Map<Long, Map<String, Long>> buckets = new java.util.TreeMap<>();
        for (long b = fromSecond; b < toSecond; b += step) {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            CLASSES.forEach(c -> counts.put(c, 0L));
            buckets.put(b, counts);
        }
        for (PlannedSpan s : ShopFixture.spans(s -> s.kind() == PlannedSpan.Kind.SERVER)) {
            long second = Math.floorDiv(s.endNanos(), 1_000_000_000L);
            if (second < fromSecond || second >= toSecond) {
                continue;
            }
            Map<String, Long> counts = buckets.get(fromSecond + (second - fromSecond) / step * step);
            if (app.test(s)) {
                counts.merge(s.error() ? "ERROR" : "INFO", 1L, Long::sum);
            }
            if (mesh.test(s)) {
                counts.merge("INFO", 1L, Long::sum);
            }
        }
        List<String> out = new ArrayList<>();
        buckets.forEach((b, counts) -> out.add(java.time.Instant.ofEpochSecond(b) + " " + counts));
        return out;
    }

    private static List<String> actualVolume(JsonNode volume) {
        List<String> out = new ArrayList<>();
        for (JsonNode point : volume.get("points")) {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            point.get("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
            out.add(point.get("time").asText() + " " + counts);
        }
        return out;
    }

    private static JsonNode volume(String... keyValues) throws Exception {
        Map<String, String> query = new HashMap<>(Map.of("from", ShopFixture.start().toString(),
                "to", ShopFixture.end().toString()));
        for (int i = 0; i < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        Response response = given().queryParams(query).get("/api/v1/logs/volume");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    @Test
    void countsRecordsPerBucketAndSeverityClassWithEveryClassInEveryBucket() throws Exception {
        JsonNode volume = volume("step", "30s");

        long from = ShopFixture.start().getEpochSecond();
        long to = ShopFixture.end().getEpochSecond();
        assertThat(volume.get("from").asText()).isEqualTo(ShopFixture.start().toString());
        assertThat(volume.get("to").asText()).isEqualTo(ShopFixture.end().toString());
        assertThat(volume.get("stepSeconds").asLong()).isEqualTo(30);
        assertThat(volume.get("points")).hasSize(10);
        assertThat(actualVolume(volume)).containsExactlyElementsOf(expectedVolume(from, to, 30, s -> true, s -> true));
    }

    @Test
    void includesEmptyBucketsAndChoosesAboutSixtyWithoutAStep() throws Exception {
        java.time.Instant from = ShopFixture.start().minusSeconds(1501).plusMillis(500);
        JsonNode volume = volume("from", from.toString());

        // 30 min 0.5 s, widened to whole seconds: 1801 s, in 59 buckets of 31 s (about 60, whole seconds).
        long fromSecond = from.getEpochSecond();
        long toSecond = ShopFixture.end().getEpochSecond();
        assertThat(volume.get("stepSeconds").asLong()).isEqualTo(31);
        assertThat(volume.get("points")).hasSize(59);
        assertThat(actualVolume(volume)).containsExactlyElementsOf(
                expectedVolume(fromSecond, toSecond, 31, s -> true, s -> true));
        assertThat(volume.get("points").get(0).get("counts").get("INFO").asLong()).isZero();
    }

    @Test
    void appliesTheSameFiltersAsTheLogSearch() throws Exception {
        long from = ShopFixture.start().getEpochSecond();
        long to = ShopFixture.end().getEpochSecond();

        assertThat(actualVolume(volume("step", "1m", "service", ShopPlan.CART, "severity", "warn")))
                .containsExactlyElementsOf(expectedVolume(from, to, 60,
                        s -> s.service().equals(ShopPlan.CART) && s.error(), s -> false));
        assertThat(actualVolume(volume("step", "1m", "q", "PROVIDER unavailable")))
                .containsExactlyElementsOf(expectedVolume(from, to, 60,
                        s -> s.error() && s.statusMessage().equals("payment provider unavailable"), s -> false));
        assertThat(actualVolume(volume("step", "1m", "attr.http.route", "/stock", "resource.k8s.deployment.name",
                ShopPlan.INVENTORY))).containsExactlyElementsOf(expectedVolume(from, to, 60,
                        s -> s.service().equals(ShopPlan.INVENTORY), s -> false));
        ShopRequest request = ShopFixture.plan().stream().filter(r -> r.spans().size() == 8).findFirst().orElseThrow();
        assertThat(actualVolume(volume("step", "1m", "traceId", request.traceId())))
                .containsExactlyElementsOf(expectedVolume(from, to, 60,
                        s -> s.traceId().equals(request.traceId()), s -> s.traceId().equals(request.traceId())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/logs/volume?step=1500ms", "/api/v1/logs/volume?step=0s",
        "/api/v1/logs/volume?from=0&to=86400000&step=1s", "/api/v1/logs/volume?severity=loud",
        "/api/v1/logs/volume?limit=10", "/api/v1/logs/volume?cursor=eA", "/api/v1/logs/volume?traceId=abc",
        "/api/v1/logs/volume?attr.=x"})
    void rejectsBadVolumeParametersWith400NamingTheParameter(String path) throws Exception {
        Response response = given().urlEncodingEnabled(false).get(path);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        String[] pairs = path.substring(path.indexOf('?') + 1).split("&");
        String name = pairs[pairs.length - 1].substring(0, pairs[pairs.length - 1].indexOf('='));
        assertThat(JSON.readTree(response.asString()).get("message").asText())
                .contains(name.startsWith("attr.") ? "'attr.KEY'" : "'" + name + "'");
    }
}
