package dev.vigil.alert.api;

import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every changing endpoint of rules, routes, channels, silences and dashboards writes exactly one audit entry, with the
 * actor of the request (the name of the key it came with), and no entry ever holds a channel's secret.
 * Each test acts as an actor of its own and reads back that actor's entries only.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class AuditResourceTest {
    private static final Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();


    @Inject
    Pool database;

    @Test
    void eachRuleChangeIsOneEntryWithItsActor() {
        String actor = actor();
        String name = "audited rule " + UUID.randomUUID();
        Map<String, Object> rule = new LinkedHashMap<>(Map.of("name", name, "kind", "absence", "enabled", false,
                "spec", Map.of("signal", "traces", "service", "audit-" + UUID.randomUUID())));
        long id = as(actor).body(rule).post("/api/v1/rules").then().statusCode(201).extract().jsonPath().getLong("id");
        rule.put("intervalSeconds", 120);
        as(actor).body(rule).put("/api/v1/rules/{id}", id).then().statusCode(200);
        // A change that fails writes nothing: the entry is in the change's transaction.
        as(actor).body(rule).post("/api/v1/rules").then().statusCode(409);
        as(actor).delete("/api/v1/rules/{id}", id).then().statusCode(204);

        JsonPath log = entries(actor);
        assertThat(log.<String>getList("action")).containsExactly("delete", "update", "create");
        assertThat(log.<String>getList("objectKind")).containsOnly("rule");
        assertThat(log.<String>getList("objectId")).containsOnly(String.valueOf(id));
        assertThat(log.<String>getList("objectName")).containsOnly(name);
        assertThat(log.<String>getList("actor")).containsOnly(actor);
        assertThat(log.getInt("[1].summary.intervalSeconds")).isEqualTo(120);
    }

    @Test
    void eachChannelAndRouteChangeIsOneEntryAndNoEntryHoldsASecret() {
        String actor = actor();
        String webhook = "https://hooks.slack.example/services/T1/B1/" + UUID.randomUUID();
        String routingKey = "rk-" + UUID.randomUUID();
        long channel = as(actor).body(Map.of("name", "audited " + UUID.randomUUID(), "type", "slack", "webhookUrl", webhook))
                .post("/api/v1/channels").then().statusCode(201).extract().jsonPath().getLong("id");
        as(actor).body(Map.of("name", "audited pd " + UUID.randomUUID(), "type", "pagerduty", "routingKey", routingKey,
                "eventsUrl", "http://127.0.0.1:9/v2/enqueue")).put("/api/v1/channels/{id}", channel).then().statusCode(200);
        String routeName = "audited route " + UUID.randomUUID();
        long route = as(actor).body(Map.of("name", routeName, "channelId", channel)).post("/api/v1/routes")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(actor).body(Map.of("name", routeName, "channelId", channel, "groupBy", List.of("service")))
                .put("/api/v1/routes/{id}", route).then().statusCode(200);
        as(actor).delete("/api/v1/routes/{id}", route).then().statusCode(204);
        as(actor).delete("/api/v1/channels/{id}", channel).then().statusCode(204);

        JsonPath log = entries(actor);
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < log.getList("id").size(); i++) {
            changes.add(log.getString("[" + i + "].action") + " " + log.getString("[" + i + "].objectKind"));
        }
        assertThat(changes).containsExactly("delete channel", "delete route", "update route", "create route",
                "update channel", "create channel");
        assertThat(log.getBoolean("[4].summary.secretChanged")).isTrue();
        assertThat(log.getString("[4].summary.settings.eventsUrl")).isEqualTo("http://127.0.0.1:9/v2/enqueue");
        String answer = given().queryParam("actor", actor).get("/api/v1/audit").asString();
        assertThat(answer).doesNotContain(webhook).doesNotContain("hooks.slack.example").doesNotContain(routingKey);
        for (Row row : database.preparedQuery("SELECT summary::text AS summary, object_name FROM audit_log WHERE actor = $1")
                .executeAndAwait(Tuple.of(actor))) {
            assertThat(row.getString("summary") + row.getString("object_name")).doesNotContain(webhook).doesNotContain(routingKey);
        }
    }

    @Test
    void eachSilenceChangeIsOneEntry() {
        String actor = actor();
        String service = "audit-" + UUID.randomUUID();
        Map<String, Object> silence = new LinkedHashMap<>(Map.of("matchers", List.of(Map.of("label", "service", "value", service)),
                "endsAt", Instant.now().plusSeconds(3600).toString(), "createdBy", "oncall", "comment", "deploy"));
        long id = as(actor).body(silence).post("/api/v1/silences").then().statusCode(201).extract().jsonPath().getLong("id");
        silence.put("comment", "longer deploy");
        as(actor).body(silence).put("/api/v1/silences/{id}", id).then().statusCode(200);
        as(actor).delete("/api/v1/silences/{id}", id).then().statusCode(204);

        JsonPath log = entries(actor);
        assertThat(log.<String>getList("action")).containsExactly("delete", "update", "create");
        assertThat(log.<String>getList("objectKind")).containsOnly("silence");
        assertThat(log.<String>getList("objectName")).containsOnly("service=\"" + service + "\"");
        assertThat(log.getString("[1].summary.comment")).isEqualTo("longer deploy");
    }

    @Test
    void eachDashboardChangeIsOneEntry() {
        String actor = actor();
        String uid = "audit-" + UUID.randomUUID();
        as(actor).body(dashboard(uid, "one")).post("/api/v1/dashboards").then().statusCode(201);
        as(actor).body(Map.of("version", 1, "message", "retitled", "dashboard", dashboard(uid, "two")))
                .put("/api/v1/dashboards/{uid}", uid).then().statusCode(200);
        as(actor).post("/api/v1/dashboards/{uid}/versions/1/restore", uid).then().statusCode(200);
        as(actor).body(dashboard(uid, "three")).queryParam("overwrite", "true").post("/api/v1/dashboards/import")
                .then().statusCode(200);
        as(actor).delete("/api/v1/dashboards/{uid}", uid).then().statusCode(204);

        JsonPath log = entries(actor);
        assertThat(log.<String>getList("action")).containsExactly("delete", "import", "restore", "update", "create");
        assertThat(log.<String>getList("objectKind")).containsOnly("dashboard");
        assertThat(log.<String>getList("objectId")).containsOnly(uid);
        assertThat(log.<String>getList("objectName")).containsExactly("three", "three", "one", "two", "one");
        assertThat(log.<Integer>getList("summary.version")).containsExactly(null, 4, 3, 2, 1);
    }

    @Test
    void keyAndUserChangesAreLoggedWithTheirActorAndNeverASecret() {
        String admin = "admin-" + UUID.randomUUID();
        String adminKey = given().contentType(ContentType.JSON).body(Map.of("name", admin, "role", "admin"))
                .post("/api/v1/access/keys").then().statusCode(201).extract().path("key");
        RequestSpecification asAdmin = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + adminKey);

        String keyName = "audited key " + UUID.randomUUID();
        var created = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + adminKey)
                .body(Map.of("name", keyName, "role", "viewer")).post("/api/v1/access/keys").then().statusCode(201)
                .extract().jsonPath();
        given().header("Authorization", "Bearer " + adminKey).delete("/api/v1/access/keys/{id}", created.getString("id"))
                .then().statusCode(200);
        String username = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "a password of " + UUID.randomUUID();
        asAdmin.body(Map.of("username", username, "role", "viewer", "password", password)).post("/api/v1/access/users")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + adminKey)
                .body(Map.of("role", "editor", "password", password + " changed")).put("/api/v1/access/users/{u}", username)
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + adminKey).delete("/api/v1/access/users/{u}", username)
                .then().statusCode(204);

        JsonPath log = entries(admin);
        assertThat(log.<String>getList("objectKind")).containsExactly("user", "user", "user", "key", "key");
        assertThat(log.<String>getList("action")).containsExactly("delete", "update", "create", "delete", "create");
        assertThat(log.<String>getList("objectName")).containsExactly(username, username, username, keyName, keyName);
        assertThat(log.<Boolean>getList("summary.passwordChanged")).contains(true);
        String answer = given().queryParam("actor", admin).get("/api/v1/audit").asString();
        for (Row row : database.preparedQuery("SELECT summary::text AS summary FROM audit_log WHERE actor = $1")
                .executeAndAwait(Tuple.of(admin))) {
            assertThat(row.getString("summary")).doesNotContain(created.getString("key"), password, "pbkdf2");
        }
        assertThat(answer).doesNotContain(created.getString("key"), password, "pbkdf2");
    }

    @Test
    void aChangeWithTheConfiguredAdminKeyIsLoggedUnderItsNameBootstrap() {
        String name = "bootstrap rule " + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("name", name, "kind", "absence", "enabled", false,
                        "spec", Map.of("signal", "traces", "service", "audit-" + UUID.randomUUID())))
                .post("/api/v1/rules").then().statusCode(201);

        JsonPath log = given().queryParam("actor", "bootstrap").queryParam("kind", "rule").queryParam("limit", 1000)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(log.<String>getList("objectName")).contains(name);
    }

    @Test
    void filtersByKindAndTimeAndLimitsNewestFirst() {
        String actor = actor();
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            as(actor).body(Map.of("name", "limited " + UUID.randomUUID(), "kind", "absence", "enabled", false,
                    "spec", Map.of("signal", "traces", "service", "audit-" + i))).post("/api/v1/rules").then().statusCode(201);
        }

        JsonPath newest = given().queryParam("actor", actor).queryParam("limit", 2).get("/api/v1/audit").jsonPath();
        assertThat(newest.<Integer>getList("id")).hasSize(2).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(given().queryParam("actor", actor).queryParam("kind", "channel").get("/api/v1/audit").jsonPath()
                .<Integer>getList("id")).isEmpty();
        assertThat(given().queryParam("actor", actor).queryParam("from", before.toString()).get("/api/v1/audit").jsonPath()
                .<Integer>getList("id")).hasSize(3);
        assertThat(given().queryParam("actor", actor).queryParam("to", before.toString()).get("/api/v1/audit").jsonPath()
                .<Integer>getList("id")).isEmpty();
        JsonPath error = given().queryParam("from", "yesterday").queryParam("limit", 0).get("/api/v1/audit")
                .then().statusCode(400).extract().jsonPath();
        assertThat(error.<String, String>getMap("fields").keySet()).containsExactlyInAnyOrder("from", "limit");
    }

    /** An editor key of its own, named {@code auditor-<uuid>}: the actor its changes are logged under. */
    private static String actor() {
        String name = "auditor-" + UUID.randomUUID();
        String key = given().contentType(ContentType.JSON).body(Map.of("name", name, "role", "editor"))
                .post("/api/v1/access/keys").then().statusCode(201).extract().path("key");
        KEYS.put(name, key);
        return name;
    }

    private static RequestSpecification as(String actor) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + KEYS.get(actor));
    }

    private static JsonPath entries(String actor) {
        return given().queryParam("actor", actor).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> dashboard(String uid, String title) {
        return Map.of("uid", uid, "title", title, "panels", List.of(Map.of("id", "p1", "title", "Rate", "type", "timeseries",
                "grid", Map.of("x", 0, "y", 0, "w", 6, "h", 4),
                "query", Map.of("kind", "golden-signals", "service", "checkout", "signal", "rate"))));
    }
}
