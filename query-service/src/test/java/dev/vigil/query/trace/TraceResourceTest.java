package dev.vigil.query.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class TraceResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void storeTraces() throws Exception {
        StoredTraces.store();
    }

    private static JsonNode json(Response response) throws Exception {
        return JSON.readTree(response.asString());
    }

    // Expected answers spell span times as {{+SECONDS.NANOS}} after StoredTraces.anchor(), the run's clock.
    private static final Pattern TIME = Pattern.compile("\\{\\{\\+(\\d+)\\.(\\d{9})}}");

    private static JsonNode expected(String json) throws Exception {
        return JSON.readTree(TIME.matcher(json).replaceAll(
                m -> StoredTraces.at(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))));
    }

    private static List<String> spanIds(JsonNode trace) {
        List<String> ids = new ArrayList<>();
        trace.get("spans").forEach(span -> ids.add(span.get("spanId").asText()));
        return ids;
    }

    @Test
    void answersAStoredTraceFieldForFieldWithParentsBeforeChildren() throws Exception {
        Response response = given().get("/api/v1/traces/" + StoredTraces.CHECKOUT_TRACE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        // c3c3… started before its parent b2b2… (clock skew) and was stored first; it still comes after it.
        // d4d4… is the trace's latest span, stored in the second after the trace's first one.
        assertThat(json(response)).isEqualTo(expected("""
                {
                  "traceId": "5b8efff798038103d269b633813fc60c",
                  "spans": [
                    {
                      "traceId": "5b8efff798038103d269b633813fc60c",
                      "spanId": "a1a1a1a1a1a1a1a1",
                      "parentSpanId": null,
                      "name": "GET /checkout",
                      "kind": "SERVER",
                      "serviceName": "frontend",
                      "startTime": "{{+0.123456789}}",
                      "durationNanos": 1900000000,
                      "status": {"code": "OK", "message": ""},
                      "attributes": {"http.request.method": "GET", "http.route": "/checkout"},
                      "resourceAttributes": {"k8s.namespace.name": "shop", "service.name": "frontend"},
                      "scope": {"name": "io.opentelemetry.tomcat", "version": "2.10.0"},
                      "events": [
                        {"time": "{{+0.223456789}}", "name": "cart loaded",
                         "attributes": {"cart.items": "3"}}
                      ],
                      "links": []
                    },
                    {
                      "traceId": "5b8efff798038103d269b633813fc60c",
                      "spanId": "b2b2b2b2b2b2b2b2",
                      "parentSpanId": "a1a1a1a1a1a1a1a1",
                      "name": "POST /pay",
                      "kind": "CLIENT",
                      "serviceName": "frontend",
                      "startTime": "{{+0.200000001}}",
                      "durationNanos": 900000000,
                      "status": {"code": "UNSET", "message": ""},
                      "attributes": {"server.address": "payments"},
                      "resourceAttributes": {"k8s.namespace.name": "shop", "service.name": "frontend"},
                      "scope": {"name": "io.opentelemetry.java-http-client", "version": "2.10.0"},
                      "events": [],
                      "links": [
                        {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "e5e5e5e5e5e5e5e5",
                         "traceState": "rojo=00f067aa0ba902b7", "attributes": {"link.reason": "retry of"}}
                      ]
                    },
                    {
                      "traceId": "5b8efff798038103d269b633813fc60c",
                      "spanId": "c3c3c3c3c3c3c3c3",
                      "parentSpanId": "b2b2b2b2b2b2b2b2",
                      "name": "charge",
                      "kind": "SERVER",
                      "serviceName": "payments",
                      "startTime": "{{+0.199999999}}",
                      "durationNanos": 700000000,
                      "status": {"code": "ERROR", "message": "card declined"},
                      "attributes": {"payment.amount": "42.00"},
                      "resourceAttributes": {"k8s.namespace.name": "shop", "service.name": "payments"},
                      "scope": {"name": "dev.payments", "version": ""},
                      "events": [
                        {"time": "{{+0.300000000}}", "name": "exception",
                         "attributes": {"exception.type": "CardDeclined"}},
                        {"time": "{{+0.400000007}}", "name": "retry", "attributes": {}}
                      ],
                      "links": []
                    },
                    {
                      "traceId": "5b8efff798038103d269b633813fc60c",
                      "spanId": "d4d4d4d4d4d4d4d4",
                      "parentSpanId": "a1a1a1a1a1a1a1a1",
                      "name": "render",
                      "kind": "INTERNAL",
                      "serviceName": "frontend",
                      "startTime": "{{+1.987654321}}",
                      "durationNanos": 5000,
                      "status": {"code": "UNSET", "message": ""},
                      "attributes": {},
                      "resourceAttributes": {"k8s.namespace.name": "shop", "service.name": "frontend"},
                      "scope": {"name": "io.opentelemetry.tomcat", "version": "2.10.0"},
                      "events": [],
                      "links": []
                    }
                  ]
                }
                """));
    }

    @Test
    void summarisesATraceStoredOverSeveralInsertsAsOneTraceWithItsRoot() throws Exception {
        // Four inserts, the root last: the summary view holds one row of the trace per insert until merges fold them.
        Response response = given().queryParam("from", StoredTraces.anchor().minusSeconds(30).toString())
                .queryParam("to", StoredTraces.anchor().plusSeconds(30).toString())
                .queryParam("service", "payments").get("/api/v1/traces");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        // Start: the root's anchor + 0.123456789 s; end: the root's own end 1.9 s later, the latest of the four.
        assertThat(json(response).get("traces")).isEqualTo(expected("""
                [{"traceId": "5b8efff798038103d269b633813fc60c", "rootService": "frontend",
                  "rootOperation": "GET /checkout", "startTime": "{{+0.123456789}}",
                  "durationNanos": 1900000000, "spanCount": 4, "errorCount": 1, "services": ["frontend", "payments"]}]
                """));
    }

    @Test
    void acceptsAnUpperCaseTraceIdAndAnswersItInLowerCase() throws Exception {
        Response response = given().get("/api/v1/traces/" + StoredTraces.CHECKOUT_TRACE.toUpperCase());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode trace = json(response);
        assertThat(trace.get("traceId").asText()).isEqualTo(StoredTraces.CHECKOUT_TRACE);
        assertThat(spanIds(trace))
                .containsExactly("a1a1a1a1a1a1a1a1", "b2b2b2b2b2b2b2b2", "c3c3c3c3c3c3c3c3", "d4d4d4d4d4d4d4d4");
    }

    // Its one span starts half a second into the only second the lookup table knows for it: it is found only if
    // the read reaches to the end of that second.
    @Test
    void answersOnlyTheSpansOfTheRequestedTrace() throws Exception {
        Response response = given().get("/api/v1/traces/" + StoredTraces.OTHER_TRACE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(spanIds(json(response))).containsExactly("e5e5e5e5e5e5e5e5");
    }

    @Test
    void answers404WithAJsonErrorForAnUnknownTrace() throws Exception {
        Response response = given().get("/api/v1/traces/4bf92f3577b34da6a3ce929d0e0e4736");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(json(response)).isEqualTo(expected("""
                {"error": "not_found", "message": "trace 4bf92f3577b34da6a3ce929d0e0e4736 was not found"}
                """));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "xyz",
        "5b8efff798038103d269b633813fc60",          // 31 characters
        "'; DROP TABLE otel_traces; --",
        "5b8efff798038103d269b633813fc60c' OR '1'='1",
        "00000000000000000000000000000000",
    })
    void answers400NamingTheParameterForAMalformedId(String traceId) throws Exception {
        Response response = given().pathParam("traceId", traceId).get("/api/v1/traces/{traceId}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode error = json(response);
        assertThat(error.get("error").asText()).isEqualTo("invalid_argument");
        assertThat(error.get("message").asText()).startsWith("path parameter 'traceId' must");
        assertThat(error.get("fields").get("traceId").asText()).startsWith("must");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%27%3B%20DROP%20TABLE%20otel_traces%3B--", "%00%01%02", "%2F%2E%2E%2Fadmin"})
    void answers400ForPercentEncodedJunkThatDecodes(String rawPath) throws Exception {
        Response response = given().urlEncodingEnabled(false).get("/api/v1/traces/" + rawPath);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_argument");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "%E0%A4%A", "%"})
    void answers400ForPercentEncodingThatDoesNotDecode(String rawPath) throws Exception {
        // The HTTP server refuses such a URL before any resource runs, so there is no JSON body to check; what
        // matters is that it is a client error and never a 500.
        assertThat(statusOfRawGet("/api/v1/traces/" + rawPath)).isEqualTo(400);
    }

    // HTTP clients, RestAssured's included, refuse to send a malformed URL, so this one writes the request itself.
    private static int statusOfRawGet(String rawPath) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).as("status line").startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }
}
