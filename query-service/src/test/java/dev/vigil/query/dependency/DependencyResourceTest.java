package dev.vigil.query.dependency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.demo.shop.PlannedSpan;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.query.ShopExpectations;
import dev.vigil.query.ShopFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class DependencyResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void storeShop() throws Exception {
        ShopFixture.ensureStored();
    }

    private static JsonNode graph() throws Exception {
        Response response = given().queryParams(Map.of("from", ShopFixture.start().toString(),
                "to", ShopFixture.end().toString())).get("/api/v1/dependencies");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    @Test
    void hasEveryServiceAndEveryCalledDatabaseAndQueueAsNodes() throws Exception {
        JsonNode graph = graph();

        List<String> nodes = new ArrayList<>();
        graph.get("nodes").forEach(n -> nodes.add(n.get("id").asText() + " " + n.get("name").asText() + " "
                + n.get("kind").asText()));
        assertThat(nodes).containsExactly(
                "cart cart service",
                "database:postgresql postgresql database",
                "frontend frontend service",
                "inventory inventory service",
                "payment payment service",
                "queue:kafka kafka queue");
    }

    @Test
    void countsTheSpansOfServiceNodesAndLeavesOthersNull() throws Exception {
        for (JsonNode node : graph().get("nodes")) {
            if (node.get("kind").asText().equals("service")) {
                String service = node.get("name").asText();
                List<PlannedSpan> spans = ShopFixture.spans(s -> s.service().equals(service));
                assertThat(node.get("spans").asLong()).as(service).isEqualTo(spans.size());
                assertThat(node.get("errors").asLong()).as(service)
                        .isEqualTo(spans.stream().filter(PlannedSpan::error).count());
            } else {
                assertThat(node.get("spans").isNull()).isTrue();
                assertThat(node.get("errors").isNull()).isTrue();
            }
        }
    }

    @Test
    void hasAnEdgePerCallerAndCalleeWithExactCountsAndQuantiles() throws Exception {
        JsonNode graph = graph();

        Map<String, List<ShopExpectations.Call>> expected = ShopExpectations.edges();
        assertThat(expected.keySet()).containsExactly(
                "cart -> database:postgresql", "cart -> payment", "frontend -> cart",
                "payment -> database:postgresql", "payment -> queue:kafka");
        List<String> actualEdges = new ArrayList<>();
        for (JsonNode edge : graph.get("edges")) {
            String key = edge.get("source").asText() + " -> " + edge.get("target").asText();
            actualEdges.add(key);
            List<ShopExpectations.Call> calls = expected.get(key);
            assertThat(calls).as(key).isNotNull();
            assertThat(edge.get("calls").asLong()).as(key).isEqualTo(calls.size());
            assertThat(edge.get("errors").asLong()).as(key)
                    .isEqualTo(calls.stream().filter(ShopExpectations.Call::error).count());
            List<Long> durations = calls.stream().map(ShopExpectations.Call::durationNanos).toList();
            // DDSketches: each quantile within 1 % of the value at its rank (give or take a rank: the rules differ).
            JsonNode latency = edge.get("latencyMs");
            assertWithinRank(latency.get("p50").asDouble(), durations, 0.5, key);
            assertWithinRank(latency.get("p95").asDouble(), durations, 0.95, key);
            assertWithinRank(latency.get("p99").asDouble(), durations, 0.99, key);
        }
        assertThat(actualEdges).containsExactlyElementsOf(expected.keySet());
    }

    private static void assertWithinRank(double millis, List<Long> durations, double level, String what) {
        List<Long> sorted = durations.stream().sorted().toList();
        double rank = level * (sorted.size() - 1);
        long lowest = sorted.get(Math.max(0, (int) Math.floor(rank) - 1));
        long highest = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(rank) + 1));
        // Relative accuracy 0.01 (V0019), and a few nanoseconds of floating-point rounding on top.
        assertThat(millis * 1e6).as(what + " p" + Math.round(level * 100))
                .isBetween(lowest * 0.99 - 8.0, highest * 1.01 + 8.0);
    }

    @Test
    void answersAnEmptyGraphForAWindowBeforeTheScenario() throws Exception {
        Response response = given().queryParams(Map.of("from", ShopFixture.start().minusSeconds(600).toString(),
                "to", ShopFixture.start().toString())).get("/api/v1/dependencies");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode graph = JSON.readTree(response.asString());
        assertThat(graph.get("edges")).isEmpty();
        assertThat(graph.get("nodes")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=now", "to=2026-11-22T25:00:00Z", "service=cart", "from=1&to=1", // fixed date: an invalid time, refused
        "from=%27%3B%20DROP%20TABLE%20otel_traces%3B--"})
    void rejectsBadParametersWith400(String raw) throws Exception {
        Response response = given().urlEncodingEnabled(false).get("/api/v1/dependencies?" + raw);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(JSON.readTree(response.asString()).get("message").asText())
                .contains("'" + raw.substring(0, raw.indexOf('=')) + "'");
    }
}
