package dev.vigil.alert.api;

import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus rule file import and PromQL rules, against the real PostgreSQL of devstack; names are unique per test. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class RuleImportResourceTest {

    /** The service under test evaluates every enabled rule at once: the tables they read should exist first. */
    @BeforeAll
    static void createTheTelemetryTables() {
        dev.vigil.alert.notify.Telemetry.ingest();
    }

    @Test
    void importsAlertingRulesAndUpdatesThemOnReimport() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String group = "api-" + suffix;
        String file = """
                groups:
                  - name: %1$s
                    interval: 30s
                    rules:
                      - record: job:errors:rate5m
                        expr: sum by (job) (rate(errors_total[5m]))
                      - alert: HighErrorRate_%2$s
                        expr: job:errors:rate5m > %3$s
                        for: 2m
                        labels:
                          severity: page
                        annotations:
                          summary: "{{ $labels.job }} fails {{ humanize $value }}/s"
                """;

        JsonPath first = importFile(file.formatted(group, suffix, "1"), false).then().statusCode(200).extract().jsonPath();

        String name = "HighErrorRate_" + suffix;
        assertThat(first.getList("created.name")).containsExactly(name);
        assertThat(first.getList("updated")).isEmpty();
        assertThat(first.getList("problems")).isEmpty();
        assertThat(first.getString("skipped[0].path")).isEqualTo("groups[0].rules[0]");
        assertThat(first.getString("skipped[0].name")).isEqualTo("job:errors:rate5m");
        long id = first.getLong("created[0].id");
        JsonPath rule = given().get("/api/v1/rules/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(rule.getString("kind")).isEqualTo("promql");
        assertThat(rule.<String, Object>getMap("spec")).containsOnly(Map.entry("expr", "job:errors:rate5m > 1"),
                Map.entry("group", group));
        assertThat(rule.getInt("intervalSeconds")).isEqualTo(30);
        assertThat(rule.getInt("forSeconds")).isEqualTo(120);
        assertThat(rule.getString("noData")).as("an empty result is no alert, as in Prometheus").isEqualTo("ok");
        assertThat(rule.<String, String>getMap("labels")).containsOnly(Map.entry("severity", "page"));

        JsonPath again = importFile(file.formatted(group, suffix, "2"), false).then().statusCode(200).extract().jsonPath();

        assertThat(again.getList("created")).isEmpty();
        assertThat(again.getList("updated.id", Long.class)).containsExactly(id);
        assertThat(given().get("/api/v1/rules/{id}", id).then().extract().jsonPath().getString("spec.expr"))
                .isEqualTo("job:errors:rate5m > 2");
        assertThat(given().get("/api/v1/rules").then().extract().jsonPath().getList("name")).containsOnlyOnce(name);
    }

    @Test
    void aDryRunValidatesAndStoresNothing() {
        String name = "Down_" + UUID.randomUUID();
        JsonPath answer = importFile("""
                groups:
                  - name: dry
                    rules:
                      - alert: %s
                        expr: up == 0
                """.formatted(name), true).then().statusCode(200).extract().jsonPath();

        assertThat(answer.getBoolean("dryRun")).isTrue();
        assertThat(answer.getList("created.name")).containsExactly(name);
        assertThat(answer.getString("created[0].id")).isNull();
        assertThat(given().get("/api/v1/rules").then().extract().jsonPath().getList("name")).doesNotContain(name);
    }

    @Test
    void listsEachRuleProblemAtItsPathInTheFile() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonPath answer = importFile("""
                groups:
                  - name: broken-%1$s
                    interval: 0s
                    rules:
                      - alert: Slow_%1$s
                        expr: up == 0
                  - name: other-%1$s
                    rules:
                      - alert: Good_%1$s
                        expr: up == 0
                      - alert: Unparsable_%1$s
                        expr: sum(rate(x[5m])
                      - alert: Scalar_%1$s
                        expr: 1 + 1
                """.formatted(suffix), false).then().statusCode(200).extract().jsonPath();

        Map<String, String> problems = new java.util.LinkedHashMap<>();
        answer.<Map<String, String>>getList("problems").forEach(p -> problems.put(p.get("field"), p.get("message")));
        assertThat(problems).containsOnlyKeys("groups[0].interval", "groups[1].rules[1].expr", "groups[1].rules[2].expr");
        assertThat(problems.get("groups[0].interval")).isEqualTo("must be at least 1");
        assertThat(problems.get("groups[1].rules[1].expr")).startsWith("is not PromQL: 1:");
        assertThat(problems.get("groups[1].rules[2].expr")).startsWith("is a scalar expression");
        assertThat(answer.getList("created.name")).containsExactly("Good_" + suffix);
    }

    @Test
    void refusesABodyThatIsNotARuleFile() {
        JsonPath error = importFile("groups: [unclosed", false).then().statusCode(400).extract().jsonPath();

        assertThat(error.getString("error")).isEqualTo("invalid_argument");
        assertThat(error.getString("fields.body")).startsWith("is not YAML");
    }

    @Test
    void aPromQlRuleRaisesOneAlertPerSampleWithTheSeriesLabels() {
        String name = "promql " + UUID.randomUUID();
        long id = given().contentType(ContentType.JSON).body(Map.of("name", name, "kind", "promql",
                        "spec", Map.of("expr", "label_replace(vector(42), \"pod\", \"a\", \"\", \"\") > 40"),
                        "labels", Map.of("severity", "page"),
                        "annotations", Map.of("summary", "{{ $labels.pod }} at {{ $value }}"), "enabled", false))
                .post("/api/v1/rules").then().statusCode(201).extract().jsonPath().getLong("id");

        JsonPath evaluation = given().post("/api/v1/rules/{id}/evaluate", id).then().statusCode(200).extract().jsonPath();

        assertThat(evaluation.getList("alerts")).hasSize(1);
        assertThat(evaluation.getString("alerts[0].state")).isEqualTo("firing");
        assertThat(evaluation.<String, String>getMap("alerts[0].labels")).containsOnly(Map.entry("pod", "a"),
                Map.entry("severity", "page"), Map.entry("alertname", name));
        assertThat(evaluation.getString("alerts[0].annotations.summary")).isEqualTo("a at 42");
    }

    @Test
    void refusesAPromQlRuleThatDoesNotParse() {
        JsonPath error = given().contentType(ContentType.JSON).body(Map.of("name", "bad " + UUID.randomUUID(),
                        "kind", "promql", "spec", Map.of("expr", "up ==")))
                .post("/api/v1/rules").then().statusCode(400).extract().jsonPath();

        assertThat(error.getString("fields['spec.expr']")).startsWith("is not PromQL: 1:");
    }

    private static io.restassured.response.Response importFile(String yaml, boolean dryRun) {
        return given().contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).queryParam("dryRun", dryRun).post("/api/v1/rules/import");
    }
}
