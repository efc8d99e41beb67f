package dev.vigil.query.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The OpenAPI document describes the views' endpoints, so that a client can be generated from it. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
        "/api/v1/golden-signals/services, from to step, GoldenSignalServices",
        "/api/v1/golden-signals/operations, service from to, GoldenSignalOperations",
        "/api/v1/logs/volume, from to step service severity q traceId, LogVolume",
        "/api/v1/traces/volume, start end step service operation status, SpanVolume",
        "/api/v1/traces, from to service operation minDuration maxDuration status sort limit cursor, TracePage",
    })
    void describesTheEndpointItsParametersAndItsAnswer(String path, String parameters, String schema)
            throws Exception {
        Response response = given().queryParam("format", "json").get("/q/openapi");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode get = JSON.readTree(response.asString()).path("paths").path(path).path("get");

        assertThat(get.isMissingNode()).as(path).isFalse();
        List<String> names = new ArrayList<>();
        get.path("parameters").forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).as(path).containsExactlyInAnyOrder(parameters.split(" "));
        assertThat(get.path("responses").path("200").path("content").path("application/json").path("schema")
                .path("$ref").asText()).as(path).endsWith("/" + schema);
        assertThat(get.path("responses").has("400")).as(path).isTrue();
    }
}
