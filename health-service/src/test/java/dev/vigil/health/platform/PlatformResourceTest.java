package dev.vigil.health.platform;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import static dev.vigil.health.platform.StandInService.Readiness.DOWN;
import static dev.vigil.health.platform.StandInService.Readiness.UP;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Each test puts the stand-ins into the state it needs and then waits for the probes to catch up,
 * so the tests do not depend on their order.
 */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
class PlatformResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void reportsDegradedWithEachServicesOwnStatus() {
        StandInServices.ingest.answer(UP);
        StandInServices.query.answer(DOWN);
        StandInServices.alert.stop();

        JsonPath report = awaitReport(r -> "DEGRADED".equals(r.getString("status"))
                && statuses(r).equals(Map.of("alert", "UNREACHABLE", "ingest", "UP", "query", "DOWN")));

        assertThat(report.getList("services.name")).containsExactly("alert", "ingest", "query");

        JsonPath ingest = service(report, "ingest");
        assertThat(ingest.getString("url")).isEqualTo(StandInServices.ingest.url());
        assertThat(ingest.getLong("latencyMillis")).isNotNegative();
        assertThat(Instant.parse(ingest.getString("checkedAt"))).isAfterOrEqualTo(Instant.parse(ingest.getString("since")));
        assertThat(ingest.getString("error")).isNull();
        assertThat(ingest.getString("checks[0].name")).isEqualTo("Reactive PostgreSQL connections health check");
        assertThat(ingest.getString("checks[0].status")).isEqualTo("UP");
        assertThat(ingest.getString("checks[0].data.'<default>'")).isEqualTo("UP");

        JsonPath query = service(report, "query");
        assertThat(query.getLong("latencyMillis")).isNotNegative();
        assertThat(query.getString("checks[0].status")).isEqualTo("DOWN");
        assertThat(query.getString("error"))
                .isEqualTo("HTTP 503, reported DOWN (Reactive PostgreSQL connections health check)");

        JsonPath alert = service(report, "alert");
        assertThat(alert.getString("url")).isEqualTo(StandInServices.alert.url());
        assertThat(alert.getString("latencyMillis")).isNull();
        assertThat(alert.getString("checkedAt")).isNotNull();
        assertThat(alert.getList("checks")).isEmpty();
        assertThat(alert.getString("error")).isEqualTo("connection refused");
    }

    @Test
    void reportsDownWhenNoServiceIsUp() {
        StandInServices.ingest.answer(DOWN);
        StandInServices.query.answer(DOWN);
        StandInServices.alert.stop();

        JsonPath report = awaitReport(r -> statuses(r).equals(Map.of("alert", "UNREACHABLE", "ingest", "DOWN", "query", "DOWN")));

        assertThat(report.getString("status")).isEqualTo("DOWN");
    }

    @Test
    void reportsUpOnlyOnceEveryServiceHasRecovered() {
        StandInServices.ingest.answer(UP);
        StandInServices.query.answer(DOWN);
        StandInServices.alert.stop();
        JsonPath failing = awaitReport(r -> statuses(r).equals(Map.of("alert", "UNREACHABLE", "ingest", "UP", "query", "DOWN")));
        Instant queryDownSince = Instant.parse(service(failing, "query").getString("since"));
        Instant ingestUpSince = Instant.parse(service(failing, "ingest").getString("since"));

        StandInServices.query.answer(UP);
        JsonPath halfway = awaitReport(r -> "UP".equals(service(r, "query").getString("status")));
        assertThat(halfway.getString("status")).isEqualTo("DEGRADED");

        StandInServices.alert.start();
        JsonPath recovered = awaitReport(r -> "UP".equals(r.getString("status")));

        assertThat(statuses(recovered)).containsOnly(
                Map.entry("alert", "UP"), Map.entry("ingest", "UP"), Map.entry("query", "UP"));
        assertThat(Instant.parse(service(recovered, "query").getString("since"))).isAfter(queryDownSince);
        assertThat(service(recovered, "alert").getLong("latencyMillis")).isNotNegative();
        assertThat(service(recovered, "alert").getString("error")).isNull();
        // A service that stayed UP throughout keeps the moment it came UP.
        assertThat(Instant.parse(service(recovered, "ingest").getString("since"))).isEqualTo(ingestUpSince);
    }

    private static JsonPath awaitReport(Predicate<JsonPath> expected) {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonPath report;
        do {
            report = given().when().get("/api/v1/platform")
                    .then().statusCode(200).contentType("application/json")
                    .extract().jsonPath();
            if (expected.test(report)) {
                return report;
            }
            sleep();
        } while (Instant.now().isBefore(deadline));
        return fail("the platform report did not reach the expected state within %s; last seen: %s",
                PATIENCE, report.prettify());
    }

    private static Map<String, String> statuses(JsonPath report) {
        Map<String, String> statuses = new java.util.TreeMap<>();
        for (Map<String, Object> service : report.<Map<String, Object>>getList("services")) {
            statuses.put((String) service.get("name"), (String) service.get("status"));
        }
        return statuses;
    }

    private static JsonPath service(JsonPath report, String name) {
        return new JsonPath(report.prettify()).setRootPath("services.find { it.name == '" + name + "' }");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the platform report", e);
        }
    }
}
