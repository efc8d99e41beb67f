package dev.vigil.query.jaeger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.demo.shop.PlannedSpan;
import dev.vigil.demo.shop.ShopPlan;
import dev.vigil.demo.shop.ShopRequest;
import dev.vigil.demo.shop.ShopTelemetry;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.query.ShopExpectations;
import dev.vigil.query.ShopFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Jaeger query API, field by field as Jaeger's {@code model/json} defines them: the envelope {@code data},
 * {@code total}, {@code limit}, {@code offset}, {@code errors}; a trace's {@code traceID}, {@code spans},
 * {@code processes}; a span's {@code spanID}, {@code operationName}, {@code references} ({@code refType},
 * {@code traceID}, {@code spanID}), {@code startTime} and {@code duration} in microseconds, typed {@code tags}
 * ({@code key}, {@code type}, {@code value}), {@code logs}, {@code processID}; a process's {@code serviceName} and
 * {@code tags}; a dependency link's {@code parent}, {@code child}, {@code callCount}.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class JaegerResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void storeShop() throws Exception {
        ShopFixture.ensureStored();
    }

    private static JsonNode ok(Response response) throws Exception {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.asString());
        assertThat(body.get("errors").isNull()).isTrue();
        assertThat(body.get("limit").asInt()).isZero();
        assertThat(body.get("offset").asInt()).isZero();
        assertThat(body.get("total").asInt()).isEqualTo(body.get("data").size());
        return body.get("data");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> window() {
        return Map.of("start", Long.toString(ShopFixture.start().toEpochMilli() * 1000),
                "end", Long.toString(ShopFixture.end().toEpochMilli() * 1000), "limit", "1000");
    }

    @Test
    void listsTheServiceNames() throws Exception {
        List<String> services = texts(ok(given().get("/jaeger/api/services")));

        assertThat(services).contains(ShopPlan.CART, ShopPlan.FRONTEND, ShopPlan.INVENTORY, ShopPlan.PAYMENT);
        assertThat(services).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void listsTheOperationNamesOfAService() throws Exception {
        List<String> operations = texts(ok(given().get("/jaeger/api/services/payment/operations")));

        assertThat(operations).containsExactlyElementsOf(new TreeSet<>(
                ShopFixture.spans(s -> s.service().equals(ShopPlan.PAYMENT)).stream().map(PlannedSpan::name).toList()));
    }

    @Test
    void listsOperationsWithTheirSpanKind() throws Exception {
        JsonNode operations = ok(given().queryParam("service", "cart").queryParam("spanKind", "server")
                .get("/jaeger/api/operations"));

        assertThat(operations).hasSize(1);
        assertThat(operations.get(0).get("name").asText()).isEqualTo("POST /cart/checkout");
        assertThat(operations.get(0).get("spanKind").asText()).isEqualTo("server");
    }

    @Test
    void answersATraceInJaegersModel() throws Exception {
        ShopRequest request = ShopFixture.plan().stream()
                .filter(r -> r.spans().stream().anyMatch(s -> s.service().equals(ShopPlan.PAYMENT) && s.error()))
                .findFirst().orElseThrow();

        JsonNode data = ok(given().get("/jaeger/api/traces/" + request.traceId()));

        assertThat(data).hasSize(1);
        JsonNode trace = data.get(0);
        assertThat(trace.get("traceID").asText()).isEqualTo(request.traceId());
        JsonNode processes = trace.get("processes");
        Map<String, PlannedSpan> planned = new HashMap<>();
        request.spans().forEach(s -> planned.put(s.spanId(), s));
        assertThat(trace.get("spans")).hasSize(planned.size());
        for (JsonNode span : trace.get("spans")) {
            PlannedSpan expected = planned.get(span.get("spanID").asText());
            assertThat(expected).isNotNull();
            assertThat(span.get("traceID").asText()).isEqualTo(request.traceId());
            assertThat(span.get("operationName").asText()).isEqualTo(expected.name());
            assertThat(span.get("startTime").asLong()).isEqualTo(expected.startNanos() / 1_000);
            assertThat(span.get("duration").asLong()).isEqualTo(expected.durationNanos() / 1_000);
            if (expected.parentSpanId().isEmpty()) {
                assertThat(span.get("references")).isEmpty();
            } else {
                assertThat(span.get("references")).hasSize(1);
                JsonNode reference = span.get("references").get(0);
                assertThat(reference.get("refType").asText()).isEqualTo("CHILD_OF");
                assertThat(reference.get("traceID").asText()).isEqualTo(request.traceId());
                assertThat(reference.get("spanID").asText()).isEqualTo(expected.parentSpanId());
            }
            Map<String, JsonNode> tags = new HashMap<>();
            span.get("tags").forEach(t -> tags.put(t.get("key").asText(), t));
            assertThat(tags.get("span.kind").get("type").asText()).isEqualTo("string");
            assertThat(tags.get("span.kind").get("value").asText()).isEqualTo(expected.kind().name().toLowerCase());
            if (expected.attributes().get("http.response.status_code") instanceof Long code) {
                assertThat(tags.get("http.response.status_code").get("type").asText()).isEqualTo("int64");
                assertThat(tags.get("http.response.status_code").get("value").asLong()).isEqualTo(code);
            }
            if (expected.error()) {
                assertThat(tags.get("error").get("type").asText()).isEqualTo("bool");
                assertThat(tags.get("error").get("value").asBoolean()).isTrue();
                assertThat(tags.get("otel.status_description").get("value").asText())
                        .isEqualTo(expected.statusMessage());
            } else {
                assertThat(tags).doesNotContainKey("error");
            }
            assertThat(span.get("logs")).isEmpty();
            JsonNode process = processes.get(span.get("processID").asText());
            assertThat(process.get("serviceName").asText()).isEqualTo(expected.service());
            Map<String, String> processTags = new HashMap<>();
            process.get("tags").forEach(t -> processTags.put(t.get("key").asText(), t.get("value").asText()));
            assertThat(processTags).containsEntry("k8s.pod.name", ShopTelemetry.podName(expected.service()))
                    .doesNotContainKey("service.name");
        }
        Set<String> serviceNames = new HashSet<>();
        processes.forEach(p -> serviceNames.add(p.get("serviceName").asText()));
        assertThat(serviceNames).hasSize(processes.size());
    }

    @Test
    void answers404InJaegersEnvelopeForAnUnknownTrace() throws Exception {
        Response response = given().get("/jaeger/api/traces/4bf92f3577b34da6a3ce929d0e0e4736");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.asString());
        assertThat(body.get("data").isNull()).isTrue();
        assertThat(body.get("errors").get(0).get("code").asInt()).isEqualTo(404);
        assertThat(body.get("errors").get(0).get("msg").asText()).isEqualTo("trace not found");
    }

    @Test
    void findsTracesByServiceAndErrorTag() throws Exception {
        Map<String, String> query = new HashMap<>(window());
        query.put("service", ShopPlan.PAYMENT);
        query.put("tags", "{\"error\":\"true\"}");

        JsonNode data = ok(given().queryParams(query).get("/jaeger/api/traces"));

        Set<String> expected = new HashSet<>();
        ShopFixture.plan().forEach(r -> {
            if (r.spans().stream().anyMatch(s -> s.service().equals(ShopPlan.PAYMENT) && s.error())) {
                expected.add(r.traceId());
            }
        });
        assertThat(expected).isNotEmpty();
        Set<String> actual = new HashSet<>();
        data.forEach(t -> {
            actual.add(t.get("traceID").asText());
            assertThat(t.get("spans").size()).isGreaterThan(1);
        });
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void findsTracesByOperationTagAndDuration() throws Exception {
        Map<String, String> query = new HashMap<>(window());
        query.put("service", ShopPlan.PAYMENT);
        query.put("operation", "INSERT shop.payments");
        query.put("tags", "{\"db.system\":\"postgresql\"}");
        query.put("minDuration", "5ms");

        JsonNode data = ok(given().queryParams(query).get("/jaeger/api/traces"));

        Set<String> expected = new HashSet<>();
        ShopFixture.plan().forEach(r -> {
            if (r.spans().stream().anyMatch(s -> s.name().equals("INSERT shop.payments")
                    && s.durationNanos() >= 5_000_000L)) {
                expected.add(r.traceId());
            }
        });
        Set<String> actual = new HashSet<>();
        data.forEach(t -> actual.add(t.get("traceID").asText()));
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void answersTheDependencyLinksWithCallCounts() throws Exception {
        JsonNode data = ok(given().queryParam("endTs", ShopFixture.end().toEpochMilli())
                .queryParam("lookback", ShopFixture.SPAN.toMillis()).get("/jaeger/api/dependencies"));

        Map<String, Long> expected = new HashMap<>();
        ShopExpectations.edges().forEach((edge, calls) -> expected.put(
                edge.replaceAll("(database|queue):", ""), (long) calls.size()));
        Map<String, Long> actual = new HashMap<>();
        data.forEach(link -> actual.put(link.get("parent").asText() + " -> " + link.get("child").asText(),
                link.get("callCount").asLong()));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jaeger/api/traces?start=1", "/jaeger/api/traces?service=cart&tags=not-json",
        "/jaeger/api/traces?service=cart&tags=%5B1%5D", "/jaeger/api/traces?service=cart&start=abc",
        "/jaeger/api/traces?service=cart&lookback=forever", "/jaeger/api/traces?service=cart&limit=100000",
        "/jaeger/api/traces?service=cart&tag=x", "/jaeger/api/traces/xyz", "/jaeger/api/dependencies?endTs=-5",
        "/jaeger/api/dependencies?endTs=99999999999999999999", "/jaeger/api/operations?spanKind=server",
        "/jaeger/api/traces?service=cart&start=100&end=50"})
    void rejectsBadParametersWith400InJaegersEnvelope(String path) throws Exception {
        Response response = given().urlEncodingEnabled(false).get(path);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.asString());
        assertThat(body.get("data").isNull()).isTrue();
        assertThat(body.get("errors").get(0).get("code").asInt()).isEqualTo(400);
        assertThat(body.get("errors").get(0).get("msg").asText()).contains("parameter '");
    }
}
