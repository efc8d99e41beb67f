package dev.vigil.query.golden;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.demo.shop.PlannedSpan;
import dev.vigil.demo.shop.ShopPlan;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.query.ShopExpectations;
import dev.vigil.query.ShopFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
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
class GoldenSignalResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void storeShop() throws Exception {
        ShopFixture.ensureStored();
    }

    private static JsonNode get(String... keyValues) throws Exception {
        return getAt("/api/v1/golden-signals", keyValues);
    }

    private static JsonNode getAt(String path, String... keyValues) throws Exception {
        Map<String, String> query = new HashMap<>(Map.of("from", ShopFixture.start().toString(),
                "to", ShopFixture.end().toString()));
        for (int i = 0; i < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        Response response = given().queryParams(query).get(path);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    /**
     * Checks the saturation of a bucket or range against the gauges the shop reported at the collection times in
     * {@code [fromSecond, toSecond)}: their average.
     */
    private static void assertSaturation(JsonNode values, String service, long fromSecond, long toSecond,
            String what) {
        List<Long> times = ShopExpectations.collections().stream()
                .filter(t -> t >= fromSecond && t < toSecond).toList();
        if (times.isEmpty()) {
            assertThat(values.get("saturation").isNull()).as(what).isTrue();
            return;
        }
        double cpu = times.stream().mapToDouble(t -> ShopExpectations.cpuAt(service, t)).average().orElseThrow();
        double memory = times.stream().mapToDouble(t -> ShopExpectations.memoryAt(service, t)).average().orElseThrow();
        assertThat(values.get("saturation").get("cpuUtilization").asDouble()).as(what).isCloseTo(cpu, within(1e-9));
        assertThat(values.get("saturation").get("memoryUtilization").asDouble()).as(what)
                .isCloseTo(memory, within(1e-9));
    }

    /** Checks one set of values against the requests (server spans) it covers, over {@code seconds}. */
    private static void assertValues(JsonNode values, List<PlannedSpan> requests, long seconds, String what) {
        assertValues(values, requests, seconds, what, true);
    }

    /**
     * As {@link #assertValues(JsonNode, List, long, String)}; the summary of every service ({@code exact} false)
     * merges t-digests (V0016), whose quantiles are approximate: each must lie within 1 % of the requests (and at
     * least one) in rank of the exact one.
     */
    private static void assertValues(JsonNode values, List<PlannedSpan> requests, long seconds, String what,
            boolean exact) {
        long errors = requests.stream().filter(PlannedSpan::error).count();
        assertThat(values.get("requests").asLong()).as(what).isEqualTo(requests.size());
        assertThat(values.get("requestsPerSecond").asDouble()).as(what)
                .isCloseTo((double) requests.size() / seconds, within(1e-12));
        assertThat(values.get("errors").asLong()).as(what).isEqualTo(errors);
        assertThat(values.get("errorsPerSecond").asDouble()).as(what).isCloseTo((double) errors / seconds, within(1e-12));
        assertThat(values.get("errorPercent").asDouble()).as(what)
                .isCloseTo(requests.isEmpty() ? 0 : 100.0 * errors / requests.size(), within(1e-9));
        if (requests.isEmpty()) {
            assertThat(values.get("latencyMs").isNull()).as(what).isTrue();
            return;
        }
        List<Long> durations = requests.stream().map(PlannedSpan::durationNanos).toList();
        JsonNode latency = values.get("latencyMs");
        if (!exact) {
            assertWithinRank(latency.get("p50").asDouble(), durations, 0.5, what);
            assertWithinRank(latency.get("p90").asDouble(), durations, 0.9, what);
            assertWithinRank(latency.get("p95").asDouble(), durations, 0.95, what);
            assertWithinRank(latency.get("p99").asDouble(), durations, 0.99, what);
            return;
        }
        // Fewer than 8192 requests per bucket: the merged quantile states are exact interpolations.
        assertThat(latency.get("p50").asDouble()).as(what)
                .isCloseTo(ShopFixture.quantile(durations, 0.5) / 1e6, within(1e-9));
        assertThat(latency.get("p90").asDouble()).as(what)
                .isCloseTo(ShopFixture.quantile(durations, 0.9) / 1e6, within(1e-9));
        assertThat(latency.get("p95").asDouble()).as(what)
                .isCloseTo(ShopFixture.quantile(durations, 0.95) / 1e6, within(1e-9));
        assertThat(latency.get("p99").asDouble()).as(what)
                .isCloseTo(ShopFixture.quantile(durations, 0.99) / 1e6, within(1e-9));
    }

    private static void assertWithinRank(double millis, List<Long> durations, double level, String what) {
        List<Long> sorted = durations.stream().sorted().toList();
        int slack = Math.max(1, (int) Math.ceil(0.01 * sorted.size()));
        double rank = level * (sorted.size() - 1);
        long lowest = sorted.get(Math.max(0, (int) Math.floor(rank) - slack));
        long highest = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(rank) + slack));
        // The t-digest's result is a Float32: a few nanoseconds of rounding on top.
        assertThat(millis * 1e6).as(what + " p" + Math.round(level * 100)).isBetween(lowest - 8.0, highest + 8.0);
    }

    private static List<PlannedSpan> requests(Predicate<PlannedSpan> filter, long fromSecond, long toSecond) {
        return ShopFixture.spans(s -> s.kind() == PlannedSpan.Kind.SERVER && filter.test(s)
                && s.startNanos() >= fromSecond * 1_000_000_000L && s.startNanos() < toSecond * 1_000_000_000L);
    }

    @Test
    void answersAPointPerMinuteWithTheExactSignalsOfTheService() throws Exception {
        JsonNode series = get("service", ShopPlan.FRONTEND, "step", "60s");

        assertThat(series.get("service").asText()).isEqualTo(ShopPlan.FRONTEND);
        assertThat(series.get("stepSeconds").asLong()).isEqualTo(60);
        assertThat(series.get("points")).hasSize(5);
        long start = ShopFixture.start().getEpochSecond();
        for (int i = 0; i < 5; i++) {
            JsonNode point = series.get("points").get(i);
            long bucket = start + 60L * i;
            assertThat(point.get("time").asText()).isEqualTo(Instant.ofEpochSecond(bucket).toString());
            assertValues(point.get("values"), requests(s -> s.service().equals(ShopPlan.FRONTEND), bucket, bucket + 60),
                    60, "minute " + i);
            assertSaturation(point.get("values"), ShopPlan.FRONTEND, bucket, bucket + 60, "minute " + i);
        }
    }

    @Test
    void narrowsToOneOperationAndLetsTheLastBucketBeShort() throws Exception {
        JsonNode series = get("service", ShopPlan.FRONTEND, "operation", "POST /checkout", "step", "2m");

        assertThat(series.get("operation").asText()).isEqualTo("POST /checkout");
        assertThat(series.get("points")).hasSize(3);
        long start = ShopFixture.start().getEpochSecond();
        long[] lengths = {120, 120, 60};
        long bucket = start;
        for (int i = 0; i < 3; i++) {
            assertValues(series.get("points").get(i).get("values"), requests(
                    s -> s.service().equals(ShopPlan.FRONTEND) && s.name().equals("POST /checkout"), bucket,
                    bucket + lengths[i]), lengths[i], "bucket " + i);
            bucket += lengths[i];
        }
    }

    @Test
    void fillsBucketsWithoutRequestsWithZeros() throws Exception {
        JsonNode series = get("from", ShopFixture.start().minusSeconds(120).toString(), "service", ShopPlan.PAYMENT,
                "step", "1m");

        assertThat(series.get("points")).hasSize(7);
        assertValues(series.get("points").get(0).get("values"), List.of(), 60, "empty minute");
        assertValues(series.get("points").get(1).get("values"), List.of(), 60, "empty minute");
        assertThat(series.get("points").get(0).get("values").get("saturation").isNull()).isTrue();
    }

    @Test
    void choosesAboutSixtyPointsWithoutAStep() throws Exception {
        JsonNode series = get("from", ShopFixture.end().minusSeconds(3 * 3600).toString(), "service", ShopPlan.CART);

        assertThat(series.get("stepSeconds").asLong()).isEqualTo(180);
        assertThat(series.get("points")).hasSize(60);
    }

    @Test
    void summarisesEveryServiceThatServedRequests() throws Exception {
        JsonNode summary = get();
        // The per-service view holds every request of the scenario, so the summary was read from it.
        assertThat(ShopFixture.clickHouse("SELECT sum(Requests) FROM vigil.vigil_service_requests_1m WHERE Minute >= toDateTime("
                + ShopFixture.start().getEpochSecond() + ") AND Minute < toDateTime(" + ShopFixture.end().getEpochSecond()
                + ")"))
                .isEqualTo(Long.toString(ShopFixture.spans(s -> s.kind() == PlannedSpan.Kind.SERVER).size()));

        List<String> services = new ArrayList<>();
        long from = ShopFixture.start().getEpochSecond();
        long to = ShopFixture.end().getEpochSecond();
        for (JsonNode row : summary.get("services")) {
            String service = row.get("service").asText();
            services.add(service);
            assertValues(row.get("values"), requests(s -> s.service().equals(service), from, to), to - from, service,
                    false);
            assertSaturation(row.get("values"), service, from, to, service);
        }
        assertThat(services).containsExactly(ShopPlan.CART, ShopPlan.FRONTEND, ShopPlan.INVENTORY, ShopPlan.PAYMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"service=cart&step=90s", "service=cart&step=0s", "service=cart&step=soon",
        "operation=GET%20%2Fproducts", "step=60s", "service=cart&from=2026-11-01T00:00:00Z&to=2026-11-07T00:00:00Z&step=1m", // fixed date: too many points, refused
        "services=cart"})
    void rejectsBadParametersWith400NamingTheParameter(String raw) throws Exception {
        Response response = given().urlEncodingEnabled(false).get("/api/v1/golden-signals?" + raw);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        String[] pairs = raw.split("&");
        String name = pairs[pairs.length - 1].substring(0, pairs[pairs.length - 1].indexOf('='));
        assertThat(JSON.readTree(response.asString()).get("message").asText()).contains("'" + name + "'");
    }

    @Test
    void answersEveryServicesSummaryAndItsSeriesInOneCall() throws Exception {
        JsonNode answer = getAt("/api/v1/golden-signals/services", "step", "60s");

        long from = ShopFixture.start().getEpochSecond();
        long to = ShopFixture.end().getEpochSecond();
        assertThat(answer.get("from").asText()).isEqualTo(ShopFixture.start().toString());
        assertThat(answer.get("to").asText()).isEqualTo(ShopFixture.end().toString());
        assertThat(answer.get("stepSeconds").asLong()).isEqualTo(60);
        List<String> services = new ArrayList<>();
        for (JsonNode row : answer.get("services")) {
            String service = row.get("service").asText();
            services.add(service);
            assertValues(row.get("values"), requests(s -> s.service().equals(service), from, to), to - from, service);
            assertSaturation(row.get("values"), service, from, to, service);
            assertThat(row.get("points")).as(service).hasSize(5);
            for (int i = 0; i < 5; i++) {
                JsonNode point = row.get("points").get(i);
                long bucket = from + 60L * i;
                assertThat(point.get("time").asText()).isEqualTo(Instant.ofEpochSecond(bucket).toString());
                assertValues(point.get("values"), requests(s -> s.service().equals(service), bucket, bucket + 60), 60,
                        service + " minute " + i);
                assertSaturation(point.get("values"), service, bucket, bucket + 60, service + " minute " + i);
            }
        }
        assertThat(services).containsExactly(ShopPlan.CART, ShopPlan.FRONTEND, ShopPlan.INVENTORY, ShopPlan.PAYMENT);
    }

    @Test
    void includesEmptyBucketsInEveryServicesSeriesAndChoosesAboutSixtyPointsWithoutAStep() throws Exception {
        JsonNode answer = getAt("/api/v1/golden-signals/services", "from",
                ShopFixture.end().minusSeconds(3 * 3600).toString());

        assertThat(answer.get("stepSeconds").asLong()).isEqualTo(180);
        long from = ShopFixture.end().getEpochSecond() - 3 * 3600;
        for (JsonNode row : answer.get("services")) {
            String service = row.get("service").asText();
            assertThat(row.get("points")).as(service).hasSize(60);
            assertValues(row.get("points").get(0).get("values"), List.of(), 180, service + " first bucket");
            long total = 0;
            for (JsonNode point : row.get("points")) {
                total += point.get("values").get("requests").asLong();
            }
            assertThat(total).as(service).isEqualTo(row.get("values").get("requests").asLong())
                    .isEqualTo(requests(s -> s.service().equals(service), from,
                            ShopFixture.end().getEpochSecond()).size());
        }
    }

    @Test
    void answersRedPerOperationOfAServiceBusiestFirst() throws Exception {
        JsonNode answer = getAt("/api/v1/golden-signals/operations", "service", ShopPlan.CART);

        long from = ShopFixture.start().getEpochSecond();
        long to = ShopFixture.end().getEpochSecond();
        Map<String, List<PlannedSpan>> byOperation = new HashMap<>();
        ShopFixture.spans(s -> s.service().equals(ShopPlan.CART) && s.startNanos() >= from * 1_000_000_000L
                && s.startNanos() < to * 1_000_000_000L)
                .forEach(s -> byOperation.computeIfAbsent(s.name() + " " + s.kind(), k -> new ArrayList<>()).add(s));
        List<String> expected = byOperation.entrySet().stream()
                .sorted(java.util.Comparator.<Map.Entry<String, List<PlannedSpan>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList();
        assertThat(expected).hasSizeGreaterThan(1);

        assertThat(answer.get("service").asText()).isEqualTo(ShopPlan.CART);
        assertThat(answer.get("from").asText()).isEqualTo(ShopFixture.start().toString());
        assertThat(answer.get("to").asText()).isEqualTo(ShopFixture.end().toString());
        List<String> operations = new ArrayList<>();
        for (JsonNode row : answer.get("operations")) {
            String operation = row.get("operation").asText() + " " + row.get("spanKind").asText();
            operations.add(operation);
            assertValues(row.get("values"), byOperation.get(operation), to - from, operation);
            assertThat(row.get("values").get("saturation").isNull()).as(operation).isTrue();
        }
        assertThat(operations).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/golden-signals/services?service=cart",
        "/api/v1/golden-signals/services?step=90s", "/api/v1/golden-signals/services?step=1m&step=2m",
        "/api/v1/golden-signals/services?from=0&to=864000000",
        "/api/v1/golden-signals/operations?service=",
        "/api/v1/golden-signals/operations?service=cart&step=1m",
        "/api/v1/golden-signals/operations?service=cart&from=yesterday"})
    void rejectsBadParametersOfTheNewViewsWith400NamingTheParameter(String path) throws Exception {
        Response response = given().urlEncodingEnabled(false).get(path);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        String[] pairs = path.substring(path.indexOf('?') + 1).split("&");
        String name = pairs[pairs.length - 1].substring(0, pairs[pairs.length - 1].indexOf('='));
        if (path.contains("to=")) {
            name = "from";
        }
        assertThat(JSON.readTree(response.asString()).get("message").asText()).contains("'" + name + "'");
    }

    @Test
    void rejectsOperationsWithoutAService() throws Exception {
        Response response = given().get("/api/v1/golden-signals/operations");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.asString()).get("message").asText())
                .isEqualTo("query parameter 'service' is required");
    }
}
