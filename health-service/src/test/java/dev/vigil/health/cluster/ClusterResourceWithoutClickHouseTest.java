package dev.vigil.health.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * health-service with a ClickHouse that cannot be reached: the cluster API answers 503 with {@code Retry-After}
 * in the error body of every Vigil API, and the service's other failures answer in that body too.
 */
@QuarkusTest
@TestProfile(ClusterResourceWithoutClickHouseTest.ClickHouseDown.class)
class ClusterResourceWithoutClickHouseTest {

    /** Points the service at a local port nobody listens on: a ClickHouse that is down. */
    public static final class ClickHouseDown implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vigil.clickhouse.url", "http://127.0.0.1:" + closedPort(),
                    "vigil.health.cluster.refresh-interval", "1s",
                    // The platform report needs a service to watch; this one is down too, which it reports.
                    "vigil.health.services.query", "http://127.0.0.1:" + closedPort());
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void answersTheClusterApiWith503AndRetryAfterOnceReadingClickHouseFailed() {
        // The refresh has tried ClickHouse and failed: the answer is about the store, not about start-up.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> failedRefreshes() >= 1);

        for (String path : new String[] {"/api/v1/cluster", "/api/v1/cluster/nodes", "/api/v1/cluster/pods"}) {
            Response response = given().get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.header("Retry-After")).as(path).isEqualTo("5");
            assertThat(response.contentType()).as(path).startsWith("application/json");
            JsonPath error = response.jsonPath();
            assertThat(error.getString("error")).isEqualTo("unavailable");
            assertThat(error.getString("message")).contains("ClickHouse").endsWith("retry later");
            assertThat(response.asString()).doesNotContain("Exception").doesNotContain("127.0.0.1");
        }
    }

    @Test
    void answersAnUnknownPathWith404InTheErrorBody() {
        JsonPath error = given().get("/api/v1/no-such-endpoint").then().statusCode(404)
                .contentType("application/json").extract().jsonPath();

        assertThat(error.getString("error")).isEqualTo("not_found");
        assertThat(error.getString("message")).isEqualTo("no endpoint GET /api/v1/no-such-endpoint");
    }

    @Test
    void answersAWrongMethodWith405InTheErrorBody() {
        JsonPath error = given().delete("/api/v1/cluster").then().statusCode(405)
                .contentType("application/json").extract().jsonPath();

        assertThat(error.getString("error")).isEqualTo("method_not_allowed");
        assertThat(error.getString("message")).isEqualTo("DELETE is not allowed on /api/v1/cluster");
    }

    private static double failedRefreshes() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("vigil_health_cluster_refresh_failures_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
