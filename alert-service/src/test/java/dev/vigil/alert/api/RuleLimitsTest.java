package dev.vigil.alert.api;

import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The cost guard on rules, with the production defaults of {@code vigil.alert.rules.*} (the other tests lower the
 * minimum interval to evaluate each second): a 400 naming the field, on create and on replace.
 */
@QuarkusTest
@TestProfile(RuleLimitsTest.ProductionLimits.class)
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class RuleLimitsTest {

    /** The documented defaults, written out so that the test says what it checks. */
    public static final class ProductionLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.alert.rules.min-interval", "10s", "vigil.alert.rules.max-window", "24h",
                    // Nothing is evaluated here: only the API is under test.
                    "vigil.alert.evaluation.enabled", "false", "vigil.alert.notify.enabled", "false");
        }
    }

    private static final Map<String, Object> ABSENCE = Map.of("signal", "traces", "service", "checkout");

    @Test
    void rejectsAnIntervalBelowTheMinimumNamingTheField() {
        JsonPath error = post(Map.of("name", unique("every second"), "kind", "absence", "spec", ABSENCE,
                "intervalSeconds", 1)).then().statusCode(400).extract().jsonPath();

        assertThat(error.<String, String>getMap("fields")).containsExactly(entry("intervalSeconds", "must be at least 10"));
    }

    @Test
    void rejectsAWindowAboveTheMaximumNamingTheField() {
        JsonPath error = post(Map.of("name", unique("a week"), "kind", "error_rate", "intervalSeconds", 60,
                "spec", Map.of("service", "checkout", "threshold", 0.1, "windowSeconds", 7 * 86_400)))
                .then().statusCode(400).extract().jsonPath();

        assertThat(error.<String, String>getMap("fields"))
                .containsExactly(entry("spec.windowSeconds", "must be at most 86400"));
    }

    @Test
    void rejectsAReplacementBeyondTheLimitsAndKeepsTheRule() {
        String name = unique("within limits");
        long id = post(Map.of("name", name, "kind", "absence", "spec", ABSENCE, "intervalSeconds", 10))
                .then().statusCode(201).extract().jsonPath().getLong("id");

        JsonPath error = given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "kind", "absence", "intervalSeconds", 5,
                        "spec", Map.of("signal", "traces", "service", "checkout", "windowSeconds", 90_000)))
                .put("/api/v1/rules/{id}", id).then().statusCode(400).extract().jsonPath();

        assertThat(error.<String, String>getMap("fields").keySet())
                .containsExactlyInAnyOrder("intervalSeconds", "spec.windowSeconds");
        assertThat(given().get("/api/v1/rules/{id}", id).then().statusCode(200).extract().jsonPath()
                .getInt("intervalSeconds")).isEqualTo(10);
    }

    private static io.restassured.response.Response post(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/rules");
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID();
    }
}
