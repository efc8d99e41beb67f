package dev.vigil.query.metric;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.demo.shop.PlannedSpan;
import dev.vigil.demo.shop.ShopPlan;
import dev.vigil.demo.shop.ShopTelemetry;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class MetricResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void storeShop() throws Exception {
        ShopFixture.ensureStored();
    }

    private static long start() {
        return ShopFixture.start().getEpochSecond();
    }

    private static JsonNode get(String path, String... keyValues) throws Exception {
        Map<String, String> query = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        Response response = given().queryParams(query).get(path);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    @Test
    void listsTheShopsMetricsWithTypeUnitAndLabelKeys() throws Exception {
        JsonNode page = get("/api/v1/metrics", "from", ShopFixture.start().toString(),
                "to", ShopFixture.end().plusSeconds(1).toString());

        List<String> rows = new ArrayList<>();
        page.get("metrics").forEach(m -> rows.add(m.get("name").asText() + " " + m.get("type").asText() + " "
                + m.get("unit").asText() + " " + m.get("labelKeys")));
        assertThat(rows).containsExactly(
                "http.server.request.duration histogram s "
                        + "[\"http.request.method\",\"http.response.status_code\",\"http.route\"]",
                "k8s.pod.cpu_limit_utilization gauge 1 []",
                "k8s.pod.memory_limit_utilization gauge 1 []",
                "shop.payments counter {payment} []");
    }

    @Test
    void groupsByAResourceAttributeNamedWithTheResourcePrefix() throws Exception {
        JsonNode page = get("/api/v1/metrics", "from", ShopFixture.start().toString(),
                "to", ShopFixture.end().plusSeconds(1).toString());
        List<String> resourceKeys = new ArrayList<>();
        page.get("metrics").forEach(m -> {
            if (m.get("name").asText().equals("k8s.pod.cpu_limit_utilization")) {
                m.get("resourceKeys").forEach(k -> resourceKeys.add(k.asText()));
            }
        });
        assertThat(resourceKeys).contains("k8s.pod.name", "service.name");

        JsonNode result = get("/api/v1/metrics/query", "name", "k8s.pod.cpu_limit_utilization",
                "groupBy", "resource.k8s.pod.name", "agg", "max", "step", "300s",
                "from", ShopFixture.start().toString(), "to", ShopFixture.end().toString());

        List<String> pods = new ArrayList<>();
        result.get("series").forEach(s -> pods.add(s.get("labels").get("resource.k8s.pod.name").asText()));
        assertThat(pods).containsExactlyInAnyOrder(ShopTelemetry.podName(ShopPlan.CART),
                ShopTelemetry.podName(ShopPlan.FRONTEND), ShopTelemetry.podName(ShopPlan.INVENTORY),
                ShopTelemetry.podName(ShopPlan.PAYMENT));
    }

    @Test
    void pagesThroughTheMetricsOfOneService() throws Exception {
        JsonNode first = get("/api/v1/metrics", "from", ShopFixture.start().toString(),
                "to", ShopFixture.end().plusSeconds(1).toString(), "service", ShopPlan.PAYMENT, "limit", "3");
        JsonNode second = get("/api/v1/metrics", "from", ShopFixture.start().toString(),
                "to", ShopFixture.end().plusSeconds(1).toString(), "service", ShopPlan.PAYMENT, "limit", "3",
                "cursor", first.get("nextCursor").asText());

        assertThat(first.get("metrics")).hasSize(3);
        assertThat(second.get("metrics")).hasSize(1);
        assertThat(second.get("metrics").get(0).get("name").asText()).isEqualTo("shop.payments");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void averagesAGaugePerServiceAndStep() throws Exception {
        JsonNode result = get("/api/v1/metrics/query", "name", "k8s.pod.cpu_limit_utilization",
                "groupBy", "service.name", "agg", "avg", "step", "10s",
                "from", ShopFixture.start().toString(), "to", ShopFixture.end().plusSeconds(10).toString());

        assertThat(result.get("type").asText()).isEqualTo("gauge");
        assertThat(result.get("stepSeconds").asLong()).isEqualTo(10);
        List<String> services = new ArrayList<>();
        for (JsonNode series : result.get("series")) {
            String service = series.get("labels").get("service.name").asText();
            services.add(service);
            JsonNode points = series.get("points");
            assertThat(points).hasSize(ShopFixture.COLLECTIONS + 1);
            assertThat(points.get(0).get("value").isNull()).as("no collection at the start").isTrue();
            for (int i = 1; i < points.size(); i++) {
                long t = start() + 10L * i;
                assertThat(points.get(i).get("time").asText()).isEqualTo(Instant.ofEpochSecond(t).toString());
                assertThat(points.get(i).get("value").asDouble()).as(service + " at " + t)
                        .isCloseTo(ShopExpectations.cpuAt(service, t), within(1e-12));
            }
        }
        assertThat(services).containsExactly(ShopPlan.CART, ShopPlan.FRONTEND, ShopPlan.INVENTORY, ShopPlan.PAYMENT);
    }

    @Test
    void takesTheMaximumOfAGaugeAcrossServices() throws Exception {
        JsonNode result = get("/api/v1/metrics/query", "name", "k8s.pod.memory_limit_utilization", "agg", "max",
                "step", "300s", "from", ShopFixture.start().toString(), "to", ShopFixture.end().toString());

        assertThat(result.get("series")).hasSize(1);
        double expected = ShopExpectations.collections().stream().filter(t -> t < start() + 300)
                .flatMap(t -> List.of(ShopPlan.CART, ShopPlan.FRONTEND, ShopPlan.INVENTORY, ShopPlan.PAYMENT).stream()
                        .map(s -> ShopExpectations.memoryAt(s, t)))
                .mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(result.get("series").get(0).get("points").get(0).get("value").asDouble())
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void computesTheRateOfACounterPerMinute() throws Exception {
        JsonNode result = get("/api/v1/metrics/query", "name", "shop.payments", "step", "1m",
                "from", ShopFixture.start().toString(), "to", ShopFixture.end().toString());

        // Each point counts the payments accepted in the 10 s before it.
        assertRatePerMinute(result, t -> ShopExpectations.served(ShopPlan.PAYMENT, t - 10, t).stream()
                .filter(s -> !s.error()).count());
    }

    @Test
    void computesTheRateOfAHistogramsObservationsPerMinute() throws Exception {
        JsonNode result = get("/api/v1/metrics/query", "name", "http.server.request.duration", "agg", "rate",
                "filter", "service.name=payment", "step", "1m",
                "from", ShopFixture.start().toString(), "to", ShopFixture.end().toString());

        // Each point counts the requests served in the 10 s before it.
        assertRatePerMinute(result, t -> ShopExpectations.served(ShopPlan.PAYMENT, t - 10, t).size());
    }

    /** Five one-minute points, each the per-second rate of what the points collected in its minute counted. */
    private static void assertRatePerMinute(JsonNode result, java.util.function.ToLongFunction<Long> countedBefore) {
        assertThat(result.get("aggregation").asText()).isEqualTo("rate");
        JsonNode points = result.get("series").get(0).get("points");
        assertThat(points).hasSize(5);
        for (int m = 0; m < 5; m++) {
            long bucket = start() + 60L * m;
            long counted = ShopExpectations.collections().stream().filter(t -> t >= bucket && t < bucket + 60)
                    .mapToLong(countedBefore).sum();
            assertThat(points.get(m).get("value").asDouble()).as("minute " + m)
                    .isCloseTo(counted / 60.0, within(1e-12));
        }
    }

    @Test
    void estimatesHistogramQuantilesWithinTheBucketThatHoldsThem() throws Exception {
        JsonNode result = get("/api/v1/metrics/query", "name", "http.server.request.duration",
                "filter", "service.name=payment,http.route=/payments", "agg", "p90", "step", "5m",
                "from", ShopFixture.start().toString(), "to", ShopFixture.end().toString());

        JsonNode points = result.get("series").get(0).get("points");
        assertThat(points).hasSize(1);
        double estimate = points.get(0).get("value").asDouble();
        // The points in the window were collected at +10 s ... +290 s: they count the requests that ended before +290 s.
        List<Double> seconds = ShopExpectations.served(ShopPlan.PAYMENT, start(), start() + 290).stream()
                .map(s -> s.durationNanos() / 1e9).sorted().toList();
        List<Double> bounds = ShopTelemetry.DURATION_BUCKETS;
        long[] counts = new long[bounds.size() + 1];
        for (double d : seconds) {
            int i = 0;
            while (i < bounds.size() && d > bounds.get(i)) {
                i++;
            }
            counts[i]++;
        }
        double rank = 0.9 * seconds.size();
        long below = 0;
        int bucket = 0;
        while (below + counts[bucket] < rank) {
            below += counts[bucket++];
        }
        double lower = bucket == 0 ? 0 : bounds.get(bucket - 1);
        double upper = bounds.get(bucket);
        assertThat(estimate).isCloseTo(lower + (upper - lower) * (rank - below) / counts[bucket], within(1e-12));
        double exact = seconds.get((int) Math.ceil(rank) - 1);
        assertThat(exact).as("the true p90 lies in the bucket of the estimate").isBetween(lower, upper);
    }

    @Test
    void answers404ForAMetricWithoutPoints() throws Exception {
        Response response = given().queryParam("name", "no.such.metric").get("/api/v1/metrics/query");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.asString()).get("message").asText())
                .isEqualTo("metric no.such.metric has no points in the range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"name=k8s.pod.cpu_limit_utilization&agg=rate", "name=shop.payments&agg=p99",
        "name=http.server.request.duration&agg=avg", "name=shop.payments&agg=median",
        "name=shop.payments&step=1.5s", "name=shop.payments&filter=service.name", "name=shop.payments&groupBy=a,b,c,d,e,f",
        "agg=sum&name=", "name=shop.payments&metric=x", "name=shop.payments&groupBy=,",
        "name=shop.payments&groupBy=x%27)%20OR%201=1%20--"})
    void rejectsBadQueriesWith400NamingTheParameter(String raw) throws Exception {
        String window = "&from=" + ShopFixture.start().toEpochMilli() + "&to=" + ShopFixture.end().toEpochMilli();
        Response response = given().urlEncodingEnabled(false).get("/api/v1/metrics/query?" + raw + window);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        String[] pairs = raw.split("&");
        String last = pairs[pairs.length - 1];
        assertThat(JSON.readTree(response.asString()).get("message").asText())
                .contains("'" + last.substring(0, last.indexOf('=')) + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"service.name=x' OR '1'='1", "a\\=b", "k8s.pod.name=--;"})
    void findsNoSeriesForInjectionAttemptsInFilters(String filter) throws Exception {
        JsonNode result = get("/api/v1/metrics/query", "name", "shop.payments", "filter", filter,
                "from", ShopFixture.start().toString(), "to", ShopFixture.end().toString());

        assertThat(result.get("series")).isEmpty();
    }
}
