package dev.vigil.alert.api;

import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules API against the real PostgreSQL of devstack. Names are unique per test: the database is shared. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class RuleResourceTest {

    /** The service under test evaluates every enabled rule at once: the tables they read should exist first. */
    @org.junit.jupiter.api.BeforeAll
    static void createTheTelemetryTables() {
        dev.vigil.alert.notify.Telemetry.ingest();
    }


    private static final Map<String, Object> ABSENCE = Map.of("signal", "traces", "service", "checkout");

    @Test
    void createsListsGetsAndDeletesARule() {
        String name = unique("checkout error rate");
        Response created = post(Map.of(
                "name", name,
                "kind", "error_rate",
                "spec", Map.of("service", "checkout", "threshold", 0.05),
                "intervalSeconds", 30,
                "forSeconds", 300,
                "keepFiringForSeconds", 120,
                "labels", Map.of("severity", "page", "team", "shop"),
                "annotations", Map.of("summary", "More than 5% of checkout requests fail"),
                "enabled", false));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonPath rule = created.jsonPath();
        long id = rule.getLong("id");
        assertThat(created.header("Location")).endsWith("/api/v1/rules/" + id);
        assertThat(rule.getString("name")).isEqualTo(name);
        assertThat(rule.getString("kind")).isEqualTo("error_rate");
        assertThat(rule.getMap("spec")).containsEntry("service", "checkout").containsEntry("threshold", 0.05f);
        assertThat(rule.getInt("intervalSeconds")).isEqualTo(30);
        assertThat(rule.getInt("forSeconds")).isEqualTo(300);
        assertThat(rule.getInt("keepFiringForSeconds")).isEqualTo(120);
        assertThat(rule.<String, String>getMap("labels")).containsOnly(Map.entry("severity", "page"), Map.entry("team", "shop"));
        assertThat(rule.<String, String>getMap("annotations")).containsOnly(Map.entry("summary", "More than 5% of checkout requests fail"));
        assertThat(rule.getBoolean("enabled")).isFalse();
        assertThat(rule.getString("noData")).as("no data means the nodata state unless the rule says otherwise")
                .isEqualTo("nodata");
        assertThat(Instant.parse(rule.getString("createdAt"))).isEqualTo(Instant.parse(rule.getString("updatedAt")));

        Map<String, Object> asCreated = rule.getMap("");
        Map<String, Object> asRead = given().get("/api/v1/rules/{id}", id).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(asRead).isEqualTo(asCreated);

        JsonPath all = given().get("/api/v1/rules").then().statusCode(200).extract().jsonPath();
        assertThat(all.<Map<String, Object>>getList("")).contains(asCreated);

        given().delete("/api/v1/rules/{id}", id).then().statusCode(204);

        JsonPath gone = given().get("/api/v1/rules/{id}", id).then().statusCode(404).extract().jsonPath();
        assertThat(gone.getString("error")).isEqualTo("not_found");
        given().delete("/api/v1/rules/{id}", id).then().statusCode(404);
        assertThat(given().get("/api/v1/rules").then().statusCode(200).extract().jsonPath().getList("name"))
                .doesNotContain(name);
    }

    @Test
    void listsRulesInNameOrder() {
        String prefix = unique("ordered");
        post(Map.of("name", prefix + " b", "kind", "absence", "spec", ABSENCE)).then().statusCode(201);
        post(Map.of("name", prefix + " a", "kind", "absence", "spec", ABSENCE)).then().statusCode(201);

        var names = given().get("/api/v1/rules").then().statusCode(200).extract().jsonPath().<String>getList("name");

        // Only these two: how other names sort depends on the database's collation.
        assertThat(names.stream().filter(n -> n.startsWith(prefix))).containsExactly(prefix + " a", prefix + " b");
    }

    @Test
    void storesDefaultsForOmittedFields() {
        JsonPath rule = post(Map.of("name", unique("defaults"), "kind", "log_count"))
                .then().statusCode(201).extract().jsonPath();

        assertThat(rule.getMap("spec")).isEmpty();
        assertThat(rule.getInt("intervalSeconds")).isEqualTo(60);
        assertThat(rule.getInt("forSeconds")).isZero();
        assertThat(rule.getInt("keepFiringForSeconds")).isZero();
        assertThat(rule.getMap("labels")).isEmpty();
        assertThat(rule.getMap("annotations")).isEmpty();
        assertThat(rule.getBoolean("enabled")).isTrue();
    }

    @Test
    void rejectsAMissingNameNamingTheField() {
        JsonPath error = post(Map.of("kind", "absence", "spec", ABSENCE)).then().statusCode(400).contentType(ContentType.JSON)
                .extract().jsonPath();

        assertThat(error.getString("error")).isEqualTo("invalid_argument");
        assertThat(error.<String, String>getMap("fields").keySet()).containsExactly("name");
        assertThat(error.getString("fields.name")).isEqualTo("is required");
    }

    @Test
    void rejectsAnIntervalBelowOneSecondNamingTheField() {
        JsonPath error = post(Map.of("name", unique("too fast"), "kind", "absence", "spec", ABSENCE, "intervalSeconds", 0))
                .then().statusCode(400).extract().jsonPath();

        assertThat(error.<String, String>getMap("fields").keySet()).containsExactly("intervalSeconds");
        assertThat(error.getString("fields.intervalSeconds")).isEqualTo("must be at least 1");
    }

    @Test
    void rejectsAnUnknownKindNamingTheField() {
        JsonPath error = post(Map.of("name", unique("odd"), "kind", "threshold"))
                .then().statusCode(400).extract().jsonPath();

        assertThat(error.<String, String>getMap("fields").keySet()).containsExactly("kind");
        assertThat(error.getString("fields.kind")).contains("metric_threshold", "absence");
    }

    @Test
    void rejectsFieldsJacksonCannotReadNamingThem() {
        assertThat(post(Map.of("name", unique("typo"), "kind", "absence", "spec", ABSENCE, "intervalSecond", 5))
                .then().statusCode(400).extract().jsonPath().<String, String>getMap("fields").keySet()).containsExactly("intervalSecond");
        assertThat(post(Map.of("name", unique("wrong type"), "kind", "absence", "spec", ABSENCE, "intervalSeconds", "often"))
                .then().statusCode(400).extract().jsonPath().<String, String>getMap("fields").keySet()).containsExactly("intervalSeconds");
        assertThat(post(Map.of("name", unique("too big"), "kind", "absence", "spec", ABSENCE, "intervalSeconds", 99_999_999_999L))
                .then().statusCode(400).extract().jsonPath().<String, String>getMap("fields").keySet()).containsExactly("intervalSeconds");
        assertThat(post(Map.of("name", unique("nested"), "kind", "absence", "spec", ABSENCE, "labels", Map.of("team", Map.of("a", 1))))
                .then().statusCode(400).extract().jsonPath().<String, String>getMap("fields").keySet()).containsExactly("labels.team");
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        JsonPath error = given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/v1/rules")
                .then().statusCode(400).contentType(ContentType.JSON).extract().jsonPath();

        assertThat(error.getString("message")).startsWith("the body is not valid JSON");
    }

    @Test
    void rejectsADuplicateNameWith409AndKeepsTheFirstRule() {
        String name = unique("duplicate");
        long first = post(Map.of("name", name, "kind", "absence", "spec", ABSENCE)).then().statusCode(201).extract().jsonPath().getLong("id");

        JsonPath error = post(Map.of("name", name, "kind", "log_count")).then().statusCode(409).extract().jsonPath();

        assertThat(error.getString("error")).isEqualTo("conflict");
        assertThat(error.<String, String>getMap("fields").keySet()).containsExactly("name");
        var rules = given().get("/api/v1/rules").then().statusCode(200).extract().jsonPath();
        assertThat(rules.<String>getList("name").stream().filter(name::equals)).hasSize(1);
        assertThat(given().get("/api/v1/rules/{id}", first).then().statusCode(200).extract().jsonPath().getString("kind"))
                .isEqualTo("absence");
    }

    @Test
    void rejectsASpecWithoutWhatItsKindNeedsNamingTheFields() {
        JsonPath error = post(Map.of("name", unique("incomplete"), "kind", "error_rate",
                "spec", Map.of("operation", "GET /", "comparison", "≈", "windowSeconds", 0)))
                .then().statusCode(400).extract().jsonPath();

        assertThat(error.<String, String>getMap("fields").keySet())
                .containsExactlyInAnyOrder("spec.service", "spec.threshold", "spec.comparison", "spec.windowSeconds");
        assertThat(error.<String, String>getMap("fields").get("spec.comparison"))
                .isEqualTo("must be one of >, >=, <, <=, ==, !=");
    }

    @Test
    void rejectsAnUnknownSpecFieldNamingIt() {
        JsonPath error = post(Map.of("name", unique("typo in spec"), "kind", "latency_quantile",
                "spec", Map.of("service", "checkout", "threshold", 250, "percentile", 0.99)))
                .then().statusCode(400).extract().jsonPath();

        assertThat(error.<String, String>getMap("fields").keySet()).containsExactly("spec.percentile");
    }

    @Test
    void replacesARuleWithPut() {
        long id = post(Map.of("name", unique("before"), "kind", "absence", "spec", ABSENCE))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String renamed = unique("after");

        JsonPath rule = given().contentType(ContentType.JSON).body(Map.of("name", renamed, "kind", "latency_quantile",
                        "spec", Map.of("service", "checkout", "quantile", 0.95, "threshold", 300), "intervalSeconds", 5))
                .put("/api/v1/rules/{id}", id).then().statusCode(200).extract().jsonPath();

        assertThat(rule.getLong("id")).isEqualTo(id);
        assertThat(rule.getString("name")).isEqualTo(renamed);
        assertThat(rule.getString("kind")).isEqualTo("latency_quantile");
        assertThat(rule.getInt("intervalSeconds")).isEqualTo(5);
        assertThat(Instant.parse(rule.getString("updatedAt"))).isAfter(Instant.parse(rule.getString("createdAt")));
        assertThat(given().get("/api/v1/rules/{id}", id).then().statusCode(200).extract().jsonPath().getString("name"))
                .isEqualTo(renamed);
        given().contentType(ContentType.JSON).body(Map.of("name", renamed, "kind", "absence", "spec", ABSENCE))
                .put("/api/v1/rules/{id}", Long.MAX_VALUE).then().statusCode(404);
    }

    @Test
    void answersAnUnknownRuleWith404() {
        JsonPath error = given().get("/api/v1/rules/{id}", Long.MAX_VALUE).then().statusCode(404).extract().jsonPath();

        assertThat(error.getString("message")).isEqualTo("no rule with id " + Long.MAX_VALUE);
    }

    private static Response post(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/rules");
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID();
    }
}
