package dev.vigil.query.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.demo.shop.PlannedSpan;
import dev.vigil.demo.shop.ShopPlan;
import dev.vigil.demo.shop.ShopRequest;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.query.ShopFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class TraceSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void storeShop() throws Exception {
        ShopFixture.ensureStored();
    }

    private static Map<String, String> query(String... keyValues) {
        Map<String, String> query = new HashMap<>(Map.of("from", ShopFixture.start().toString(),
                "to", ShopFixture.end().toString(), "limit", "1000"));
        for (int i = 0; i < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        return query;
    }

    private static JsonNode search(Map<String, String> query) throws Exception {
        Response response = given().queryParams(query).get("/api/v1/traces");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    /** The plan's traces with a span meeting {@code criterion}, newest first by their latest such span. */
    private static List<String> expectedTraceIds(Predicate<PlannedSpan> criterion) {
        record Hit(String traceId, long latest) {
        }
        List<Hit> hits = new ArrayList<>();
        for (ShopRequest request : ShopFixture.plan()) {
            Optional<Long> latest = request.spans().stream().filter(criterion).map(PlannedSpan::startNanos)
                    .max(Long::compare);
            latest.ifPresent(t -> hits.add(new Hit(request.traceId(), t)));
        }
        hits.sort(Comparator.comparingLong(Hit::latest).thenComparing(Hit::traceId).reversed());
        return hits.stream().map(Hit::traceId).toList();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("traces").forEach(t -> ids.add(t.get("traceId").asText()));
        return ids;
    }

    private static Predicate<PlannedSpan> serviceAndName(String service, String name) {
        return s -> s.service().equals(service) && s.name().equals(name);
    }

    @Test
    void findsEveryTraceWithTheServiceAndOperationNewestFirst() throws Exception {
        JsonNode page = search(query("service", ShopPlan.PAYMENT, "operation", "POST /payments"));

        List<String> expected = expectedTraceIds(serviceAndName(ShopPlan.PAYMENT, "POST /payments"));
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(ids(page)).containsExactlyElementsOf(expected);
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void summarisesEachTraceExactly() throws Exception {
        JsonNode page = search(query("service", ShopPlan.PAYMENT, "status", "error"));

        Map<String, ShopRequest> byId = new HashMap<>();
        ShopFixture.plan().forEach(r -> byId.put(r.traceId(), r));
        assertThat(page.get("traces")).isNotEmpty();
        for (JsonNode summary : page.get("traces")) {
            ShopRequest request = byId.get(summary.get("traceId").asText());
            List<PlannedSpan> spans = request.spans();
            long start = spans.stream().mapToLong(PlannedSpan::startNanos).min().orElseThrow();
            long end = spans.stream().mapToLong(PlannedSpan::endNanos).max().orElseThrow();
            assertThat(summary.get("rootService").asText()).isEqualTo(ShopPlan.FRONTEND);
            assertThat(summary.get("rootOperation").asText()).isEqualTo("POST /checkout");
            assertThat(summary.get("startTime").asText()).isEqualTo(Timestamps.fromUnixNanos(start));
            assertThat(summary.get("durationNanos").asLong()).isEqualTo(end - start);
            assertThat(summary.get("spanCount").asLong()).isEqualTo(spans.size());
            assertThat(summary.get("errorCount").asLong()).isEqualTo(spans.stream().filter(PlannedSpan::error).count());
            List<String> services = new ArrayList<>();
            summary.get("services").forEach(s -> services.add(s.asText()));
            assertThat(services).containsExactlyElementsOf(
                    new TreeSet<>(spans.stream().map(PlannedSpan::service).toList()));
        }
    }

    @Test
    void boundsTheDurationOfTheMatchingSpanInclusively() throws Exception {
        List<PlannedSpan> checkouts = ShopFixture.spans(serviceAndName(ShopPlan.FRONTEND, "POST /checkout"));
        long min = checkouts.get(10).durationNanos();
        long max = checkouts.get(20).durationNanos();
        long low = Math.min(min, max);
        long high = Math.max(min, max);

        JsonNode page = search(query("service", ShopPlan.FRONTEND, "operation", "POST /checkout",
                "minDuration", low + "ns", "maxDuration", high + "ns"));

        List<String> expected = expectedTraceIds(serviceAndName(ShopPlan.FRONTEND, "POST /checkout")
                .and(s -> s.durationNanos() >= low && s.durationNanos() <= high));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ids(page)).containsExactlyElementsOf(expected);
    }

    @Test
    void acceptsDurationsInMillisecondsAndUnits() throws Exception {
        JsonNode page = search(query("service", ShopPlan.FRONTEND, "minDuration", "20", "maxDuration", "0.025s"));

        List<String> expected = expectedTraceIds(s -> s.service().equals(ShopPlan.FRONTEND)
                && s.durationNanos() >= 20_000_000L && s.durationNanos() <= 25_000_000L);
        assertThat(expected).isNotEmpty();
        assertThat(ids(page)).containsExactlyElementsOf(expected);
    }

    @Test
    void findsTracesWithAnErrorSpanInTheService() throws Exception {
        JsonNode page = search(query("service", ShopPlan.CART, "status", "error"));

        List<String> expected = expectedTraceIds(s -> s.service().equals(ShopPlan.CART) && s.error());
        assertThat(expected).isNotEmpty();
        assertThat(ids(page)).containsExactlyElementsOf(expected);
    }

    @Test
    void filtersBySpanAttributes() throws Exception {
        JsonNode page = search(query("attr.db.operation.name", "INSERT", "attr.db.system", "postgresql"));

        List<String> expected = expectedTraceIds(s -> "INSERT".equals(s.attributes().get("db.operation.name")));
        assertThat(expected).isNotEmpty();
        assertThat(ids(page)).containsExactlyElementsOf(expected);
    }

    @Test
    void filtersByResourceAttributesAndNumericAttributeText() throws Exception {
        JsonNode page = search(query("resource.k8s.deployment.name", ShopPlan.PAYMENT,
                "attr.http.response.status_code", "503"));

        List<String> expected = expectedTraceIds(s -> s.service().equals(ShopPlan.PAYMENT)
                && Long.valueOf(503).equals(s.attributes().get("http.response.status_code")));
        assertThat(expected).isNotEmpty();
        assertThat(ids(page)).containsExactlyElementsOf(expected);
    }

    @Test
    void pagesThroughEveryTraceWithTheCursorWithoutRepeats() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = query("service", ShopPlan.INVENTORY, "limit", "7");
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = search(query);
            assertThat(page.get("traces").size()).isLessThanOrEqualTo(7);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 100);

        List<String> expected = expectedTraceIds(s -> s.service().equals(ShopPlan.INVENTORY));
        assertThat(expected).hasSize(ShopFixture.REQUESTS / ShopPlan.INVENTORY_EVERY);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 6) / 7);
    }

    @Test
    void answersATraceOfTheShopWithAllItsSpans() throws Exception {
        ShopRequest request = ShopFixture.plan().stream()
                .filter(r -> r.spans().size() == 8).findFirst().orElseThrow();

        Response response = given().get("/api/v1/traces/" + request.traceId());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode trace = JSON.readTree(response.asString());
        Set<String> parentChild = new HashSet<>();
        trace.get("spans").forEach(s -> parentChild.add(s.get("spanId").asText() + "<" + s.get("parentSpanId").asText("")));
        Set<String> expected = new HashSet<>();
        request.spans().forEach(s -> expected.add(s.spanId() + "<" + s.parentSpanId()));
        assertThat(parentChild).isEqualTo(expected);
        assertThat(trace.get("spans").get(0).get("spanId").asText()).isEqualTo(request.root().spanId());
    }

    /** The plan's traces with a span meeting {@code criterion}, slowest first by the whole trace's duration. */
    private static List<String> expectedSlowest(Predicate<PlannedSpan> criterion) {
        record Hit(String traceId, long duration) {
        }
        List<Hit> hits = new ArrayList<>();
        for (ShopRequest request : ShopFixture.plan()) {
            if (request.spans().stream().anyMatch(criterion)) {
                long start = request.spans().stream().mapToLong(PlannedSpan::startNanos).min().orElseThrow();
                long end = request.spans().stream().mapToLong(PlannedSpan::endNanos).max().orElseThrow();
                hits.add(new Hit(request.traceId(), end - start));
            }
        }
        hits.sort(Comparator.comparingLong(Hit::duration).thenComparing(Hit::traceId).reversed());
        return hits.stream().map(Hit::traceId).toList();
    }

    @Test
    void sortsByDurationSlowestTraceFirst() throws Exception {
        JsonNode page = search(query("service", ShopPlan.PAYMENT, "sort", "duration"));

        List<String> expected = expectedSlowest(s -> s.service().equals(ShopPlan.PAYMENT));
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(ids(page)).containsExactlyElementsOf(expected);
        List<Long> durations = new ArrayList<>();
        page.get("traces").forEach(t -> durations.add(t.get("durationNanos").asLong()));
        assertThat(durations).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void sortsByRecentWhenAsked() throws Exception {
        JsonNode page = search(query("service", ShopPlan.CART, "status", "error", "sort", "RECENT"));

        assertThat(ids(page)).containsExactlyElementsOf(
                expectedTraceIds(s -> s.service().equals(ShopPlan.CART) && s.error()));
    }

    @Test
    void pagesThroughTheSlowestTracesWithTheCursorWithoutRepeatsOrGaps() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = query("operation", "POST /checkout", "sort", "duration", "limit", "25");
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = search(query);
            assertThat(page.get("traces").size()).isLessThanOrEqualTo(25);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 100);

        List<String> expected = expectedSlowest(s -> s.name().equals("POST /checkout"));
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 24) / 25);
    }

    @Test
    void refusesToResumeOneOrderWithTheOthersCursor() throws Exception {
        JsonNode recent = search(query("service", ShopPlan.INVENTORY, "limit", "2"));
        JsonNode slowest = search(query("service", ShopPlan.INVENTORY, "limit", "2", "sort", "duration"));

        Response durationWithRecentCursor = given().queryParams(query("service", ShopPlan.INVENTORY, "sort", "duration",
                "cursor", recent.get("nextCursor").asText())).get("/api/v1/traces");
        Response recentWithDurationCursor = given().queryParams(query("service", ShopPlan.INVENTORY,
                "cursor", slowest.get("nextCursor").asText())).get("/api/v1/traces");

        for (Response response : List.of(durationWithRecentCursor, recentWithDurationCursor)) {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
            assertThat(JSON.readTree(response.asString()).get("message").asText())
                    .isEqualTo("query parameter 'cursor' is not a cursor this API returned");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"minDuration=fast", "minDuration=5parsecs", "maxDuration=-1ms",
        "minDuration=2s&maxDuration=1s", "status=broken", "limit=0", "cursor=AAAA",
        "attr.=x", "attr.%01key=x", "resource.=x", "servic=cart", "minDuration=99999999999999999999", "sort=slowest",
        "sort=duration&sort=recent"})
    void rejectsBadSearchParametersWith400NamingTheParameter(String raw) throws Exception {
        Response response = given().urlEncodingEnabled(false).get("/api/v1/traces?" + raw);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.asString());
        assertThat(error.get("error").asText()).isEqualTo("invalid_argument");
        String name = raw.substring(0, raw.indexOf('='));
        String expected = name.startsWith("attr.") ? "'attr.KEY'"
                : name.startsWith("resource.") ? "'resource.KEY'" : "'" + name + "'";
        assertThat(error.get("message").asText()).contains(expected);
    }

    @Test
    void rejectsMoreThanTenAttributeFilters() throws Exception {
        StringBuilder raw = new StringBuilder("limit=5");
        for (int i = 0; i < 6; i++) {
            raw.append("&attr.k").append(i).append("=v").append("&resource.k").append(i).append("=v");
        }
        Response response = given().urlEncodingEnabled(false).get("/api/v1/traces?" + raw);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.asString()).get("message").asText())
                .isEqualTo("query parameter 'attr.KEY' and resource.KEY may be given at most 10 times together");
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment'", "payment'; DROP TABLE otel_traces; --", "x\\' OR 1=1 --", "%"})
    void findsNothingForInjectionAttemptsInsteadOfFailing(String value) throws Exception {
        JsonNode page = search(query("service", value, "operation", value, "attr." + value, value,
                "resource." + value, value));

        assertThat(page.get("traces")).isEmpty();
    }

    @Test
    void findsNothingForAVeryLongServiceNameButRejectsAnOverlongOne() throws Exception {
        assertThat(search(query("service", "s".repeat(256))).get("traces")).isEmpty();

        Response response = given().queryParams(query("service", "s".repeat(257))).get("/api/v1/traces");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.asString()).get("message").asText())
                .isEqualTo("query parameter 'service' must be at most 256 characters");
    }
}
