package dev.vigil.system.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.devstack.testing.TestCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of every service's OpenAPI document, so that an endpoint added later is covered without anyone
 * remembering it: without credentials it answers 401, with a key of the role just below its minimum 403, with a key
 * of its minimum role neither. The minimum role is the scope of the operation's security requirement, which the
 * document derives from the endpoint's {@code @RolesAllowed}; an operation without one must be on the public list.
 */
class EndpointAccessTest {

    private enum Role { viewer, editor, admin }

    /** Operations anyone may call: the login itself, and ending a session. */
    private static final Set<String> PUBLIC = Set.of("POST /api/v1/auth/login", "POST /api/v1/auth/logout");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<PackagedService> SERVICES = new ArrayList<>();
    private static final Map<Role, String> KEYS = new EnumMap<>(Role.class);
    private static PackagedService ingest;
    private static PackagedService query;
    private static PackagedService alert;
    private static PackagedService health;

    @BeforeAll
    static void startVigilAndMakeAKeyPerRole() throws Exception {
        DevStack stack = SharedDevStack.get();
        Path logs = stack.stateDir().resolve("logs");
        Map<String, String> infra = Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "vigil.clickhouse.url", stack.clickHouseUrl());
        Map<String, String> alertConfig = new HashMap<>(infra);
        alertConfig.put("quarkus.datasource.jdbc.url", stack.postgres().jdbcUrl());
        alert = start("alert-service", alertConfig, logs);
        ingest = PackagedService.ingest(Map.of());
        SERVICES.add(ingest);
        Map<String, String> healthConfig = new HashMap<>(infra);
        healthConfig.putAll(Map.of(
                "vigil.health.services.ingest", "http://127.0.0.1:" + ingest.port(),
                "vigil.health.services.alert", "http://127.0.0.1:" + alert.port(),
                "vigil.health.postgres.jdbc-url", stack.postgres().jdbcUrl(),
                "vigil.health.postgres.username", stack.postgres().user(),
                "vigil.health.postgres.password", stack.postgres().password()));
        health = start("health-service", healthConfig, logs);
        Map<String, String> queryConfig = new HashMap<>(infra);
        queryConfig.put("vigil.query.gateway.alert-url", "http://127.0.0.1:" + alert.port());
        queryConfig.put("vigil.query.gateway.health-url", "http://127.0.0.1:" + health.port());
        query = start("query-service", queryConfig, logs);
        for (Role role : Role.values()) {
            HttpResponse<String> created = send(HttpRequest.newBuilder(alert.uri("/api/v1/access/keys"))
                    .header("Authorization", TestCredentials.adminAuthorization())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"endpoint test " + role + "\",\"role\":\"" + role + "\"}")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            KEYS.put(role, JSON.readTree(created.body()).path("key").asText());
        }
    }

    private static PackagedService start(String name, Map<String, String> config, Path logs) {
        PackagedService service = PackagedService.start(name, config, logs);
        SERVICES.add(service);
        return service;
    }

    @AfterAll
    static void stopVigil() {
        SERVICES.reversed().forEach(PackagedService::close);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationOfAlertService() throws Exception {
        return operations(alert);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationOfQueryService() throws Exception {
        return operations(query);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationOfHealthService() throws Exception {
        return operations(health);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationOfIngestService() throws Exception {
        return operations(ingest);
    }

    @Test
    void theRoutesOutsideTheApiDocumentsAnswerAsListed() throws Exception {
        for (PackagedService service : SERVICES) {
            assertThat(anonymous(service, "GET", "/q/health/ready")).as(service.name() + " readiness").isEqualTo(200);
            assertThat(anonymous(service, "GET", "/q/openapi")).as(service.name() + " API document").isEqualTo(200);
            assertThat(anonymous(service, "GET", "/q/metrics")).as(service.name() + " metrics").isEqualTo(200);
        }
        // The web UI's shell, so it can show its login page; its data comes only through the API.
        assertThat(anonymous(query, "GET", "/")).isEqualTo(200);
        assertThat(anonymous(query, "GET", "/services")).isEqualTo(200);
        // The gateway passes requests on with their credentials; the service behind it refuses the anonymous ones.
        assertThat(anonymous(query, "GET", "/api/v1/rules")).isEqualTo(401);
        assertThat(anonymous(query, "GET", "/api/v1/access/keys")).isEqualTo(401);
        assertThat(anonymous(query, "GET", "/api/v1/platform")).isEqualTo(401);
        assertThat(call(query, "GET", "/api/v1/access/keys", KEYS.get(Role.editor), null, null)).isEqualTo(403);
        assertThat(call(query, "GET", "/api/v1/access/keys", KEYS.get(Role.admin), null, null)).isEqualTo(200);
        assertThat(call(query, "GET", "/api/v1/platform", KEYS.get(Role.viewer), null, null)).isNotIn(401, 403);
        assertThat(call(query, "GET", "/api/v1/auth/me", KEYS.get(Role.viewer), null, null)).isEqualTo(200);
        // OTLP and remote write take data with an ingest token only (docs/security.md): not without one, and not with
        // an API key, whatever its role.
        for (String path : List.of("/v1/traces", "/v1/metrics", "/v1/logs")) {
            assertThat(anonymous(ingest, "POST", path)).as(path + " without a token").isEqualTo(401);
            assertThat(call(ingest, "POST", path, KEYS.get(Role.admin), "application/json", "{}"))
                    .as(path + " with an admin key").isEqualTo(401);
            assertThat(call(ingest, "POST", path, TestCredentials.INGEST_TOKEN, "application/json", "{}"))
                    .as(path + " with the ingest token").isNotIn(401, 403);
        }
        assertThat(anonymous(ingest, "POST", "/api/v1/write")).as("remote write without a token").isEqualTo(401);
    }

    private Stream<DynamicTest> operations(PackagedService service) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(service.uri("/q/openapi?format=json")));
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(answer.body());
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                String name = method + " " + path.getKey();
                tests.add(DynamicTest.dynamicTest(service.name() + ": " + name,
                        () -> check(service, method, path.getKey(), op.getValue())));
            }
        }
        // ingest-service's own routes (OTLP, remote write) are not in its document yet; a JAX-RS endpoint added there
        // would be, and would be checked here.
        assertThat(tests.isEmpty()).as(service.name() + " has operations").isEqualTo(service == ingest);
        return tests.stream();
    }

    private void check(PackagedService service, String method, String template, JsonNode operation) throws Exception {
        String path = filled(template, operation);
        String contentType = operation.path("requestBody").path("content").fieldNames().hasNext()
                ? operation.path("requestBody").path("content").fieldNames().next() : null;
        String body = contentType == null ? null : contentType.contains("json") ? "{}" : "";
        Optional<Role> minimum = minimumRole(operation);
        if (minimum.isEmpty()) {
            assertThat(PUBLIC).as(method + " " + template + " names no role and is not on the public list")
                    .contains(method + " " + template);
            assertThat(call(service, method, path, null, contentType, body)).isNotIn(401, 403);
            return;
        }
        Role role = minimum.get();
        assertThat(call(service, method, path, null, contentType, body)).as("without credentials").isEqualTo(401);
        if (role.ordinal() > 0) {
            Role below = Role.values()[role.ordinal() - 1];
            assertThat(call(service, method, path, KEYS.get(below), contentType, body))
                    .as("with a %s key (needs %s)", below, role).isEqualTo(403);
        }
        assertThat(call(service, method, path, KEYS.get(role), contentType, body))
                .as("with a %s key", role).isNotIn(401, 403);
    }

    /** The lowest role among the operation's security requirements' scopes; empty when it has none. */
    private static Optional<Role> minimumRole(JsonNode operation) {
        Optional<Role> lowest = Optional.empty();
        for (JsonNode requirement : operation.path("security")) {
            for (JsonNode scopes : requirement) {
                for (JsonNode scope : scopes) {
                    Role role = Role.valueOf(scope.asText());
                    if (lowest.isEmpty() || role.ordinal() < lowest.get().ordinal()) {
                        lowest = Optional.of(role);
                    }
                }
            }
        }
        return lowest;
    }

    /** The path with each parameter filled: a number where it must be one, else a word; neither names anything. */
    private static String filled(String template, JsonNode operation) {
        String path = template;
        for (JsonNode parameter : operation.path("parameters")) {
            if ("path".equals(parameter.path("in").asText())) {
                String type = parameter.path("schema").path("type").asText();
                String value = type.equals("integer") || type.equals("number") ? "1" : "nothing1";
                path = path.replace("{" + parameter.path("name").asText() + "}", value);
            }
        }
        return path.replaceAll("\\{[^}]+}", "nothing1");
    }

    private static int anonymous(PackagedService service, String method, String path) throws Exception {
        return call(service, method, path, null, null, null);
    }

    /** The status only: the body is not waited for, since a stream (server-sent events) does not end. */
    private static int call(PackagedService service, String method, String path, String key, String contentType,
                            String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<InputStream> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        answer.body().close();
        return answer.statusCode();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
