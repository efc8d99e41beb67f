package dev.vigil.alert.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import dev.vigil.access.credential.Sha256;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.RestAssuredCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keys, users, sessions and roles through the API, against the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class AccessApiTest {

    private static final String PASSWORD = "a long enough password";

    @Inject
    Pool database;

    @Test
    void aKeyIsShownOnceAndOnlyItsHashIsStored() {
        Response created = createKey("shown once", "viewer", null);
        String key = created.path("key");
        String id = created.path("id");
        assertThat(key).startsWith("vgk_" + id + "_");
        String secret = key.substring(("vgk_" + id + "_").length());

        given().get("/api/v1/access/keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }", not(hasKey("key")))
                .body("find { it.id == '" + id + "' }.name", equalTo("shown once"))
                .body("find { it.id == '" + id + "' }.createdBy", equalTo("bootstrap"));
        Row row = database.preparedQuery("SELECT * FROM access_keys WHERE id = $1").executeAndAwait(Tuple.of(id))
                .iterator().next();
        String stored = String.valueOf(row.toJson());
        assertThat(stored).doesNotContain(secret).doesNotContain(key);
        assertThat(row.getString("secret_sha256")).isEqualTo(Sha256.hex(secret));

        given().header("Authorization", "Bearer " + key).get("/api/v1/auth/me").then().statusCode(200)
                .body("name", equalTo("shown once")).body("kind", equalTo("key")).body("role", equalTo("viewer"));
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        Response created = createKey("to revoke", "editor", null);
        String key = created.path("key");
        given().header("Authorization", "Bearer " + key).get("/api/v1/rules").then().statusCode(200);

        given().delete("/api/v1/access/keys/{id}", created.<String>path("id")).then().statusCode(200)
                .body("revokedAt", not(equalTo(null)));

        given().header("Authorization", "Bearer " + key).get("/api/v1/rules").then().statusCode(401);
        given().delete("/api/v1/access/keys/{id}", "nosuchkey000").then().statusCode(404);
    }

    @Test
    void anExpiredKeyIsRefused() throws InterruptedException {
        Instant expires = Instant.now().plusSeconds(2);
        String key = createKey("short lived", "viewer", expires).path("key");
        given().header("Authorization", "Bearer " + key).get("/api/v1/rules").then().statusCode(200);

        Thread.sleep(Math.max(0, expires.toEpochMilli() - System.currentTimeMillis()) + 200);

        given().header("Authorization", "Bearer " + key).get("/api/v1/rules").then().statusCode(401);
    }

    @Test
    void aKeyCannotBeCreatedAlreadyExpiredOrWithAnUnknownRole() {
        given().contentType(ContentType.JSON).body(Map.of("name", "past", "role", "viewer",
                        "expiresAt", Instant.now().minusSeconds(60).toString()))
                .post("/api/v1/access/keys").then().statusCode(400).body("fields.expiresAt", not(equalTo(null)));
        given().contentType(ContentType.JSON).body(Map.of("name", "owner", "role", "owner"))
                .post("/api/v1/access/keys").then().statusCode(400).body("fields.role", not(equalTo(null)));
    }

    @Test
    void eachRoleHasTheRightsOfTheOnesBelowAndNoMore() {
        String viewer = createKey("viewer", "viewer", null).path("key");
        String editor = createKey("editor", "editor", null).path("key");
        String admin = createKey("admin", "admin", null).path("key");

        given().header("Authorization", "Bearer " + viewer).get("/api/v1/silences").then().statusCode(200);
        given().header("Authorization", "Bearer " + viewer).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/silences").then().statusCode(403).body("error", equalTo("permission_denied"));

        given().header("Authorization", "Bearer " + editor).get("/api/v1/silences").then().statusCode(200);
        given().header("Authorization", "Bearer " + editor).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/silences").then().statusCode(400);
        given().header("Authorization", "Bearer " + editor).get("/api/v1/access/keys").then().statusCode(403);

        given().header("Authorization", "Bearer " + admin).get("/api/v1/access/keys").then().statusCode(200);
        given().header("Authorization", "Bearer " + admin).get("/api/v1/silences").then().statusCode(200);
    }

    @Test
    void noWrongOrMalformedCredentialsGet401WithAChallenge() {
        given().spec(RestAssuredCredentials.none()).get("/api/v1/rules").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"vigil\""))
                .body("error", equalTo("unauthenticated"));
        given().header("Authorization", "Bearer vgk_abcdefghijkl_" + "x".repeat(43)).get("/api/v1/rules").then()
                .statusCode(401).header("WWW-Authenticate", equalTo("Bearer realm=\"vigil\""))
                .body("error", equalTo("unauthenticated"));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/rules").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-key").get("/api/v1/rules").then().statusCode(401);
    }

    @Test
    void healthMetricsAndTheApiDocumentNeedNoCredentials() {
        given().spec(RestAssuredCredentials.none()).get("/q/metrics").then().statusCode(200);
        given().spec(RestAssuredCredentials.none()).get("/q/health/ready").then().statusCode(200);
        given().spec(RestAssuredCredentials.none()).get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aUserLogsInWithAnHttpOnlyStrictCookieAndOutAgain() {
        String name = createUser("viewer");

        Response login = login(name, PASSWORD);
        login.then().statusCode(200).body("name", equalTo(name)).body("role", equalTo("viewer"));
        Cookie cookie = login.getDetailedCookie("vigil_session");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.isSecured()).as("not over TLS here").isFalse();
        Row row = database.preparedQuery("SELECT token_sha256 FROM access_sessions WHERE username = $1")
                .executeAndAwait(Tuple.of(name)).iterator().next();
        assertThat(row.getString("token_sha256")).isEqualTo(Sha256.hex(cookie.getValue()));

        given().cookie("vigil_session", cookie.getValue()).get("/api/v1/auth/me").then().statusCode(200)
                .body("name", equalTo(name)).body("kind", equalTo("user")).body("role", equalTo("viewer"));
        given().cookie("vigil_session", cookie.getValue()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/rules").then().statusCode(403);

        Response logout = given().cookie("vigil_session", cookie.getValue()).post("/api/v1/auth/logout");
        logout.then().statusCode(204);
        assertThat(logout.getDetailedCookie("vigil_session").getMaxAge()).isZero();
        given().cookie("vigil_session", cookie.getValue()).get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void anExpiredSessionIsRefused() {
        String name = createUser("editor");
        String session = login(name, PASSWORD).getCookie("vigil_session");
        database.preparedQuery("UPDATE access_sessions SET expires_at = now() - interval '1 second' "
                + "WHERE token_sha256 = $1").executeAndAwait(Tuple.of(Sha256.hex(session)));

        given().cookie("vigil_session", session).get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAnswerAlike() {
        String name = createUser("viewer");

        Response wrong = login(name, "not the password at all");
        Response unknown = login("nobody-" + name, PASSWORD);

        wrong.then().statusCode(401);
        unknown.then().statusCode(401);
        assertThat(unknown.asString()).isEqualTo(wrong.asString());
        assertThat(wrong.getCookie("vigil_session")).isNull();
    }

    @Test
    void repeatedFailuresForOneNameAreThrottled() {
        String name = createUser("viewer");
        for (int i = 0; i < 5; i++) {
            login(name, "wrong password number " + i).then().statusCode(401);
        }

        login(name, PASSWORD).then().statusCode(429).header("Retry-After", not(equalTo(null)))
                .body("error", equalTo("resource_exhausted"));
        String other = createUser("viewer");
        login(other, PASSWORD).then().statusCode(200);
    }

    @Test
    void aNewPasswordOrDeletionEndsTheUsersSessions() {
        String name = createUser("editor");
        String before = login(name, PASSWORD).getCookie("vigil_session");

        given().contentType(ContentType.JSON).body(Map.of("password", "another long password"))
                .put("/api/v1/access/users/{name}", name).then().statusCode(200).body("role", equalTo("editor"));
        given().cookie("vigil_session", before).get("/api/v1/auth/me").then().statusCode(401);
        login(name, PASSWORD).then().statusCode(401);
        String after = login(name, "another long password").getCookie("vigil_session");
        given().cookie("vigil_session", after).get("/api/v1/auth/me").then().statusCode(200);

        given().delete("/api/v1/access/users/{name}", name).then().statusCode(204);
        given().cookie("vigil_session", after).get("/api/v1/auth/me").then().statusCode(401);
        given().delete("/api/v1/access/users/{name}", name).then().statusCode(404);
    }

    @Test
    void usersAreListedWithoutTheirPasswordsAndNamesAreUnique() {
        String name = createUser("admin");
        given().get("/api/v1/access/users").then().statusCode(200)
                .body("find { it.username == '" + name + "' }.role", equalTo("admin"))
                .body("find { it.username == '" + name + "' }", not(hasKey("passwordHash")))
                .body("find { it.username == '" + name + "' }", not(hasKey("password")));
        given().contentType(ContentType.JSON).body(Map.of("username", name, "role", "viewer", "password", PASSWORD))
                .post("/api/v1/access/users").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("username", "Bad Name", "role", "viewer", "password", "short"))
                .post("/api/v1/access/users").then().statusCode(400)
                .body("fields.username", not(equalTo(null))).body("fields.password", not(equalTo(null)));
    }

    @Test
    void aDashboardSaveIsSignedByTheCaller() {
        String editor = createKey("dashboard author", "editor", null).path("key");
        String uid = "access-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + editor).contentType(ContentType.JSON)
                .body(Map.of("uid", uid, "title", "Signed " + uid, "panels", java.util.List.of()))
                .post("/api/v1/dashboards").then().statusCode(201).body("updatedBy", equalTo("dashboard author"));
    }

    private static Response createKey(String name, String role, Instant expiresAt) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "role", role));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        Response created = given().contentType(ContentType.JSON).body(body).post("/api/v1/access/keys");
        created.then().statusCode(201);
        return created;
    }

    private static String createUser(String role) {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 12);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "role", role, "password", PASSWORD))
                .post("/api/v1/access/users").then().statusCode(201).body("role", equalTo(role));
        return name;
    }

    private static Response login(String username, String password) {
        return given().spec(RestAssuredCredentials.none()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/login");
    }
}
