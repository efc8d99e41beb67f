package dev.vigil.health.platform;

import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.fail;

/** Reads {@code GET /api/v1/platform} the way the tests need it: waiting for a state, and by service. */
final class PlatformApi {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private PlatformApi() {
    }

    static JsonPath awaitReport(Predicate<JsonPath> expected) {
        return awaitReport(expected, PATIENCE);
    }

    static JsonPath awaitReport(Predicate<JsonPath> expected, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
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
                patience, report.prettify());
    }

    static Map<String, String> statuses(JsonPath report) {
        Map<String, String> statuses = new java.util.TreeMap<>();
        for (Map<String, Object> service : report.<Map<String, Object>>getList("services")) {
            statuses.put((String) service.get("name"), (String) service.get("status"));
        }
        return statuses;
    }

    static JsonPath service(JsonPath report, String name) {
        return new JsonPath(report.prettify()).setRootPath("services.find { it.name == '" + name + "' }");
    }

    static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the platform report", e);
        }
    }
}
