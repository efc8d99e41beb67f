package dev.vigil.alert.api;

import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Dashboards through the API, against the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class DashboardResourceTest {

    /** The service under test evaluates every enabled rule at once: the tables they read should exist first. */
    @BeforeAll
    static void createTheTelemetryTables() {
        dev.vigil.alert.notify.Telemetry.ingest();
    }

    @Inject
    Pool database;

    @Test
    void createsADashboardAtVersionOneAndReadsItBack() {
        String uid = uid();
        Instant before = Instant.now().minusSeconds(1);

        JsonPath created = post("/api/v1/dashboards", document(uid, "Checkout"), "ana")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/dashboards/" + uid))
                .extract().jsonPath();

        assertThat(created.getString("uid")).isEqualTo(uid);
        assertThat(created.getInt("version")).isEqualTo(1);
        assertThat(created.getString("updatedBy")).isEqualTo("ana");
        assertThat(Instant.parse(created.getString("updatedAt"))).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.getString("dashboard.title")).isEqualTo("Checkout");
        JsonPath read = given().get("/api/v1/dashboards/{uid}", uid).then().statusCode(200).extract().jsonPath();
        assertThat(read.getMap("")).isEqualTo(created.getMap(""));
        assertThat(read.<String>getList("dashboard.panels.id")).containsExactly("p1", "p2");
    }

    @Test
    void listsDashboardsByTitleWithTheirPanelCount() {
        String suffix = UUID.randomUUID().toString();
        String second = uid();
        String first = uid();
        post("/api/v1/dashboards", document(second, "zz list b " + suffix), null).then().statusCode(201);
        post("/api/v1/dashboards", document(first, "zz list a " + suffix), null).then().statusCode(201);

        List<Map<String, Object>> listed = given().get("/api/v1/dashboards").then().statusCode(200).extract()
                .jsonPath().getList("");

        List<Map<String, Object>> mine = listed.stream()
                .filter(d -> String.valueOf(d.get("title")).endsWith(suffix)).toList();
        assertThat(mine).extracting(d -> d.get("uid")).containsExactly(first, second);
        assertThat(mine.getFirst()).containsEntry("panels", 2).containsEntry("version", 1)
                .containsEntry("updatedBy", "bootstrap").containsEntry("tags", List.of("test"))
                .containsEntry("description", "made by a test").containsKey("updatedAt");
    }

    @Test
    void derivesAUniqueUidFromTheTitleWhenNoneIsGiven() {
        String title = "Ünïque Title " + UUID.randomUUID();
        Map<String, Object> doc = document(null, title);

        String uid = post("/api/v1/dashboards", doc, null).then().statusCode(201).extract().jsonPath().getString("uid");
        String again = post("/api/v1/dashboards", doc, null).then().statusCode(201).extract().jsonPath().getString("uid");

        assertThat(uid).isEqualTo(title.toLowerCase().replace("ü", "u").replace("ï", "i").replace(' ', '-'));
        assertThat(again).isEqualTo(uid + "-2");
        assertThat(given().get("/api/v1/dashboards/{uid}", again).jsonPath().getString("dashboard.uid")).isEqualTo(again);
    }

    @Test
    void refusesACreateWhoseUidIsTaken() {
        String uid = uid();
        post("/api/v1/dashboards", document(uid, "First"), null).then().statusCode(201);

        JsonPath error = post("/api/v1/dashboards", document(uid, "Second"), null).then().statusCode(409).extract().jsonPath();

        assertThat(error.getString("error")).isEqualTo("conflict");
        assertThat(error.<String, String>getMap("fields")).containsOnlyKeys("uid");
        assertThat(given().get("/api/v1/dashboards/{uid}", uid).jsonPath().getString("dashboard.title")).isEqualTo("First");
    }

    @Test
    void savesTheNextVersionAndRefusesASaveOverANewerOne() {
        String uid = uid();
        post("/api/v1/dashboards", document(uid, "v1"), "ana").then().statusCode(201);

        JsonPath saved = put(uid, 1, "renamed", document(uid, "v2"), "bo").then().statusCode(200).extract().jsonPath();
        assertThat(saved.getInt("version")).isEqualTo(2);
        assertThat(saved.getString("updatedBy")).isEqualTo("bo");
        assertThat(saved.getString("dashboard.title")).isEqualTo("v2");

        // Ana still edits version 1: her save would silently undo Bo's.
        JsonPath conflict = put(uid, 1, null, document(uid, "v2 by ana"), "ana").then().statusCode(409)
                .extract().jsonPath();
        assertThat(conflict.getString("error")).isEqualTo("conflict");
        assertThat(conflict.<String, String>getMap("fields")).containsOnlyKeys("version");
        assertThat(conflict.getString("message")).contains("version 2");
        assertThat(given().get("/api/v1/dashboards/{uid}", uid).jsonPath().getString("dashboard.title")).isEqualTo("v2");
        assertThat(storedVersions(uid)).isEqualTo(2);
    }

    @Test
    void concurrentSavesOfTheSameVersionLetExactlyOneThrough() throws Exception {
        String uid = uid();
        post("/api/v1/dashboards", document(uid, "race"), null).then().statusCode(201);

        List<Thread> savers = new java.util.ArrayList<>();
        List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 4; i++) {
            String title = "race " + i;
            savers.add(Thread.ofVirtual().start(() -> statuses.add(put(uid, 1, null, document(uid, title), null).statusCode())));
        }
        for (Thread saver : savers) {
            saver.join(Duration.ofSeconds(30));
        }

        assertThat(statuses).hasSize(4).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(storedVersions(uid)).isEqualTo(2);
    }

    @Test
    void answers404ForADashboardThatDoesNotExist() {
        String uid = uid();
        given().get("/api/v1/dashboards/{uid}", uid).then().statusCode(404)
                .body("error", org.hamcrest.Matchers.equalTo("not_found"));
        put(uid, 1, null, document(uid, "x"), null).then().statusCode(404);
        given().delete("/api/v1/dashboards/{uid}", uid).then().statusCode(404);
        given().get("/api/v1/dashboards/{uid}/versions", uid).then().statusCode(404);
        given().get("/api/v1/dashboards/{uid}/export", uid).then().statusCode(404);
    }

    @Test
    void deletesADashboardWithAllItsVersions() {
        String uid = uid();
        post("/api/v1/dashboards", document(uid, "doomed"), null).then().statusCode(201);
        put(uid, 1, null, document(uid, "doomed 2"), null).then().statusCode(200);

        given().delete("/api/v1/dashboards/{uid}", uid).then().statusCode(204);

        given().get("/api/v1/dashboards/{uid}", uid).then().statusCode(404);
        given().get("/api/v1/dashboards/{uid}/versions/1", uid).then().statusCode(404);
        assertThat(storedVersions(uid)).isZero();
    }

    @Test
    void listsVersionsNewestFirstAndRestoresAnOldOneAsANewVersion() {
        String uid = uid();
        post("/api/v1/dashboards", document(uid, "one"), "ana").then().statusCode(201);
        put(uid, 1, "second title", document(uid, "two"), "bo").then().statusCode(200);
        put(uid, 2, null, document(uid, "three"), "ana").then().statusCode(200);

        JsonPath versions = given().get("/api/v1/dashboards/{uid}/versions", uid).then().statusCode(200).extract().jsonPath();
        assertThat(versions.<Integer>getList("version")).containsExactly(3, 2, 1);
        assertThat(versions.<String>getList("author")).containsExactly("ana", "bo", "ana");
        assertThat(versions.getString("[1].message")).isEqualTo("second title");
        assertThat(versions.getMap("[0]")).containsOnlyKeys("version", "createdAt", "author", "message");

        JsonPath two = given().get("/api/v1/dashboards/{uid}/versions/2", uid).then().statusCode(200).extract().jsonPath();
        assertThat(two.getString("dashboard.title")).isEqualTo("two");
        assertThat(two.getString("author")).isEqualTo("bo");
        given().get("/api/v1/dashboards/{uid}/versions/9", uid).then().statusCode(404);

        JsonPath restored = given().header("Authorization", keyOf("cy")).post("/api/v1/dashboards/{uid}/versions/1/restore", uid)
                .then().statusCode(200).extract().jsonPath();
        assertThat(restored.getInt("version")).isEqualTo(4);
        assertThat(restored.getString("dashboard.title")).isEqualTo("one");
        assertThat(restored.getString("updatedBy")).isEqualTo("cy");
        assertThat(given().get("/api/v1/dashboards/{uid}/versions", uid).jsonPath().getString("[0].message"))
                .isEqualTo("restored version 1");
    }

    @Test
    void exportsTheBareDocumentThatImportTakesBack() {
        String uid = uid();
        post("/api/v1/dashboards", document(uid, "exported"), null).then().statusCode(201);

        Response export = given().get("/api/v1/dashboards/{uid}/export", uid);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + uid + ".json\"");
        Map<String, Object> document = export.jsonPath().getMap("");
        assertThat(document).containsEntry("uid", uid).containsEntry("title", "exported").doesNotContainKey("version");

        // Imported where it exists: refused unless overwrite is asked for, then a new version.
        JsonPath refused = given().contentType(ContentType.JSON).body(document).post("/api/v1/dashboards/import")
                .then().statusCode(409).extract().jsonPath();
        assertThat(refused.<String, String>getMap("fields")).containsOnlyKeys("uid");
        Map<String, Object> edited = new LinkedHashMap<>(document);
        edited.put("title", "imported over");
        JsonPath overwritten = given().contentType(ContentType.JSON).header("Authorization", keyOf("importer")).body(edited)
                .post("/api/v1/dashboards/import?overwrite=true").then().statusCode(200).extract().jsonPath();
        assertThat(overwritten.getInt("version")).isEqualTo(2);
        assertThat(overwritten.getString("dashboard.title")).isEqualTo("imported over");
        assertThat(overwritten.getString("updatedBy")).isEqualTo("importer");

        // Imported where it does not exist: a new dashboard.
        String elsewhere = uid();
        edited.put("uid", elsewhere);
        given().contentType(ContentType.JSON).body(edited).post("/api/v1/dashboards/import").then().statusCode(201)
                .body("version", org.hamcrest.Matchers.equalTo(1));
        assertThat(given().get("/api/v1/dashboards/{uid}/export", elsewhere).jsonPath().getMap(""))
                .isEqualTo(edited);
    }

    @Test
    void rejectsAnInvalidDocumentNamingEachFieldByItsPath() {
        Map<String, Object> doc = document(uid(), "bad");
        doc.put("refresh", "15s");
        doc.put("titel", "typo");
        @SuppressWarnings("unchecked")
        Map<String, Object> panel = (Map<String, Object>) ((List<?>) doc.get("panels")).get(1);
        panel.put("query", Map.of("kind", "metric", "aggregation", "avg", "filters", Map.of("env", "${env}")));

        JsonPath error = post("/api/v1/dashboards", doc, null).then().statusCode(400).extract().jsonPath();

        assertThat(error.getString("error")).isEqualTo("invalid_argument");
        assertThat(error.<String, String>getMap("fields")).containsOnlyKeys("refresh", "titel",
                "panels[1].query.metric", "panels[1].query.filters.env");
        assertThat(error.getString("message")).contains("panels[1].query.metric");
    }

    @Test
    void rejectsABadSaveNamingTheFieldsOfItsBody() {
        String uid = uid();
        post("/api/v1/dashboards", document(uid, "good"), null).then().statusCode(201);
        Map<String, Object> doc = document("another-uid", "");

        JsonPath error = given().contentType(ContentType.JSON).body(Map.of("message", "x".repeat(501), "dashboard", doc))
                .put("/api/v1/dashboards/{uid}", uid).then().statusCode(400).extract().jsonPath();

        assertThat(error.<String, String>getMap("fields")).containsOnlyKeys("version", "message", "dashboard.title",
                "dashboard.uid");
        given().contentType(ContentType.JSON).body(Map.of("version", 1, "dashboard", doc, "comment", "x"))
                .put("/api/v1/dashboards/{uid}", uid).then().statusCode(400)
                .body("fields.comment", org.hamcrest.Matchers.equalTo("is not a known field"));
        given().contentType(ContentType.JSON).body(document(uid(), "x")).post("/api/v1/dashboards/import?overwrite=yes")
                .then().statusCode(400).body("fields.overwrite", org.hamcrest.Matchers.equalTo("must be true or false"));
        given().contentType(ContentType.JSON).body("[1, 2]").post("/api/v1/dashboards").then().statusCode(400)
                .body("fields.body", org.hamcrest.Matchers.notNullValue());
    }

    /** A valid document with two panels; {@code uid} null leaves it out. */
    private static Map<String, Object> document(String uid, String title) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (uid != null) {
            doc.put("uid", uid);
        }
        doc.put("title", title);
        doc.put("description", "made by a test");
        doc.put("tags", List.of("test"));
        doc.put("variables", List.of(Map.of("name", "service", "source", Map.of("kind", "services"))));
        doc.put("panels", new java.util.ArrayList<>(List.of(
                new LinkedHashMap<>(Map.of("id", "p1", "title", "Rate", "type", "timeseries",
                        "grid", Map.of("x", 0, "y", 0, "w", 6, "h", 4),
                        "query", Map.of("kind", "golden-signals", "service", "${service}", "signal", "rate"))),
                new LinkedHashMap<>(Map.of("id", "p2", "title", "Errors", "type", "stat",
                        "grid", Map.of("x", 6, "y", 0, "w", 6, "h", 4),
                        "query", Map.of("kind", "span-count", "service", "${service}", "status", "error"))))));
        return doc;
    }

    /** Editor keys named after the people saving in these tests: a save is signed with the caller's name. */
    private static final Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String keyOf(String author) {
        return "Bearer " + KEYS.computeIfAbsent(author, name -> given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "role", "editor")).post("/api/v1/access/keys")
                .then().statusCode(201).extract().path("key"));
    }

    private static Response post(String path, Map<String, ?> body, String user) {
        var request = given().contentType(ContentType.JSON).body(body);
        return (user == null ? request : request.header("Authorization", keyOf(user))).post(path);
    }

    private static Response put(String uid, int version, String message, Map<String, Object> dashboard, String user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        if (message != null) {
            body.put("message", message);
        }
        body.put("dashboard", dashboard);
        var request = given().contentType(ContentType.JSON).body(body);
        return (user == null ? request : request.header("Authorization", keyOf(user))).put("/api/v1/dashboards/{uid}", uid);
    }

    private long storedVersions(String uid) {
        return database.preparedQuery("SELECT count(*) AS n FROM dashboard_version WHERE uid = $1")
                .executeAndAwait(Tuple.of(uid)).iterator().next().getLong("n");
    }

    private static String uid() {
        return "test-" + UUID.randomUUID();
    }
}
