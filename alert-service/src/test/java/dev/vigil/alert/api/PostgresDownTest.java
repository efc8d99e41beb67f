package dev.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * alert-service whose PostgreSQL stops answering after start-up (the schema was migrated, then the database went
 * away): its API answers 503 with {@code Retry-After}, not a 500 with the driver's text.
 */
@QuarkusTest
@TestProfile(PostgresDownTest.PostgresGone.class)
class PostgresDownTest {

    /** The devstack, except that the service's reactive connections go to a local port nobody listens on. */
    public static final class PostgresGone implements QuarkusTestProfile {

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(UnreachableReactivePostgres.class));
        }
    }

    public static final class UnreachableReactivePostgres implements QuarkusTestResourceLifecycleManager {

        private final DevStackResource devStack = new DevStackResource();

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(devStack.start());
            config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + closedPort() + "/vigil");
            return config;
        }

        @Override
        public void stop() {
            devStack.stop();
        }
    }

    @Test
    void answersTheRulesApiWith503AndRetryAfter() {
        for (String path : new String[] {"/api/v1/rules", "/api/v1/rules/1", "/api/v1/channels"}) {
            Response response = given().get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.header("Retry-After")).as(path).isEqualTo("5");
            assertThat(response.contentType()).as(path).startsWith("application/json");
            assertThat(response.jsonPath().getString("error")).isEqualTo("unavailable");
            assertThat(response.jsonPath().getString("message")).endsWith("is unavailable; retry later");
            assertThat(response.jsonPath().getString("correlationId")).matches("[0-9a-f]{16}");
            assertThat(response.asString()).doesNotContain("Connection refused").doesNotContain("127.0.0.1")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void stillAnswersAnInvalidRequestWith400First() {
        given().contentType("application/json").body("{\"kind\":\"absence\"}").post("/api/v1/rules")
                .then().statusCode(400);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
