package dev.vigil.query.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(TraceResourceWithoutClickHouseTest.NothingListening.class)
class TraceResourceWithoutClickHouseTest {

    /** Points the service at a local port nobody listens on: a ClickHouse that is down. */
    public static final class NothingListening implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.clickhouse.url", "http://127.0.0.1:" + closedPort());
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void answers503WithAJsonErrorWhenClickHouseIsDown() {
        Response response = given().get("/api/v1/traces/5b8efff798038103d269b633813fc60c");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("error")).isEqualTo("unavailable");
        assertThat(response.jsonPath().getString("message")).contains("ClickHouse").contains("retry later");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.jsonPath().getString("correlationId")).matches("[0-9a-f]{16}");
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("127.0.0.1");
    }

    @Test
    void stillValidatesTheTraceIdFirst() {
        Response response = given().get("/api/v1/traces/xyz");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error")).isEqualTo("invalid_argument");
    }
}
