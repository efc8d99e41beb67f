package dev.vigil.query.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.demo.shop.PlannedSpan;
import dev.vigil.demo.shop.ShopPlan;
import dev.vigil.devstack.testing.DevStackResource;
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

/** {@code GET /api/v1/traces/volume} over the shop scenario stored through the real OTLP path. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class SpanVolumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void storeShop() throws Exception {
        ShopFixture.ensureStored();
    }

    @Test
    void countsTheSpansOfAServicePerBucketWithEmptyBucketsAndTheirTotal() throws Exception {
        JsonNode volume = volume("service", ShopPlan.FRONTEND, "step", "30s");

        long from = ShopFixture.start().getEpochSecond();
        long to = ShopFixture.end().getEpochSecond();
        List<String> expected = expected(from, to, 30, s -> s.service().equals(ShopPlan.FRONTEND));
        assertThat(volume.get("start").asText()).isEqualTo(ShopFixture.start().toString());
        assertThat(volume.get("end").asText()).isEqualTo(ShopFixture.end().toString());
        assertThat(volume.get("step").asLong()).isEqualTo(30);
        assertThat(actual(volume)).containsExactlyElementsOf(expected);
        assertThat(volume.get("total").asLong()).isEqualTo(ShopFixture.spans(s -> s.service().equals(ShopPlan.FRONTEND))
                .size()).isPositive();
    }

    @Test
    void countsErrorSpansAndTheOthersOfOneOperationApart() throws Exception {
        long from = ShopFixture.start().getEpochSecond();
        long to = ShopFixture.end().getEpochSecond();
        Predicate<PlannedSpan> checkout = s -> s.service().equals(ShopPlan.FRONTEND) && s.name().equals("POST /checkout");

        JsonNode errors = volume("service", ShopPlan.FRONTEND, "operation", "POST /checkout", "status", "error", "step", "1m");
        JsonNode ok = volume("service", ShopPlan.FRONTEND, "operation", "POST /checkout", "status", "ok", "step", "1m");

        assertThat(actual(errors)).containsExactlyElementsOf(expected(from, to, 60, checkout.and(PlannedSpan::error)));
        assertThat(actual(ok)).containsExactlyElementsOf(expected(from, to, 60, checkout.and(s -> !s.error())));
        assertThat(errors.get("total").asLong()).isPositive();
        assertThat(ok.get("total").asLong()).isPositive();
    }

    @Test
    void choosesAboutSixtyBucketsWithoutAStep() throws Exception {
        JsonNode volume = volume("service", ShopPlan.FRONTEND);

        // Five minutes in about 60 whole-second buckets: 5 s each.
        assertThat(volume.get("step").asLong()).isEqualTo(5);
        assertThat(volume.get("points")).hasSize(60);
    }

    @Test
    void namesTheParameterAtFault() {
        assertThat(error("status", "failed")).containsKey("status");
        assertThat(error("step", "1500ms")).containsKey("step");
        assertThat(error("from", ShopFixture.start().toString())).containsKey("from");
        assertThat(error("start", ShopFixture.end().toString(), "end", ShopFixture.start().toString()))
                .containsKey("start");
        assertThat(error("end", "yesterday")).containsKey("end");
    }

    /** "time count" per bucket of {@code step} seconds from {@code fromSecond}, of the planned spans by their start. */
    private static List<String> expected(long fromSecond, long toSecond, long step, Predicate<PlannedSpan> filter) {
        Map<Long, Long> counts = new java.util.TreeMap<>();
        for (long b = fromSecond; b < toSecond; b += step) {
            counts.put(b, 0L);
        }
        for (PlannedSpan s : ShopFixture.spans(filter)) {
            long second = Math.floorDiv(s.startNanos(), 1_000_000_000L);
            if (second >= fromSecond && second < toSecond) {
                counts.merge(fromSecond + (second - fromSecond) / step * step, 1L, Long::sum);
            }
        }
        List<String> out = new ArrayList<>();
        counts.forEach((bucket, n) -> out.add(Instant.ofEpochSecond(bucket) + " " + n));
        return out;
    }

    private static List<String> actual(JsonNode volume) {
        List<String> out = new ArrayList<>();
        volume.get("points").forEach(p -> out.add(p.get("time").asText() + " " + p.get("count").asLong()));
        return out;
    }

    private static JsonNode volume(String... keyValues) throws Exception {
        Response response = given().queryParams(query(keyValues)).get("/api/v1/traces/volume");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    private static Map<String, String> error(String... keyValues) {
        Response response = given().queryParams(query(keyValues)).get("/api/v1/traces/volume");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_argument");
        return response.jsonPath().getMap("fields");
    }

    private static Map<String, String> query(String... keyValues) {
        Map<String, String> query = new HashMap<>(Map.of("start", ShopFixture.start().toString(),
                "end", ShopFixture.end().toString()));
        for (int i = 0; i < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        return query;
    }
}
