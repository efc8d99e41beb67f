package dev.vigil.alert.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.vigil.access.credential.Sha256;
import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ingest tokens through the API, against the real PostgreSQL: shown once, stored as a hash, revoked, audited. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class IngestTokenApiTest {

    private static final String TOKENS = "/api/v1/access/ingest-tokens";

    @Inject
    Pool database;

    @Test
    void aTokenIsShownOnceAndOnlyTheHashOfItsSecretIsStored() {
        String name = "collector " + UUID.randomUUID();
        Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Response created = given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "signals", List.of("logs", "traces"), "pipelines", List.of("payments"),
                        "expiresAt", expires.toString()))
                .post(TOKENS);
        created.then().statusCode(201).body("createdBy", equalTo("bootstrap"));
        String id = created.path("id");
        String token = created.path("token");
        assertThat(created.getHeader("Location")).endsWith(TOKENS + "/" + id);
        assertThat(token).startsWith("vgi_" + id + "_");
        String secret = token.substring(("vgi_" + id + "_").length());

        JsonPath listed = given().get(TOKENS).then().statusCode(200)
                .body("find { it.id == '" + id + "' }", not(hasKey("token")))
                .body("find { it.id == '" + id + "' }", not(hasKey("secretSha256")))
                .extract().jsonPath();
        String listedText = given().get(TOKENS).asString();
        assertThat(listedText).doesNotContain(secret).doesNotContain(Sha256.hex(secret));
        assertThat(listed.getString("find { it.id == '" + id + "' }.name")).isEqualTo(name);
        assertThat(listed.<String>getList("find { it.id == '" + id + "' }.signals")).containsExactly("traces", "logs");
        assertThat(listed.<String>getList("find { it.id == '" + id + "' }.pipelines")).containsExactly("payments");
        assertThat(Instant.parse(listed.getString("find { it.id == '" + id + "' }.expiresAt"))).isEqualTo(expires);
        assertThat(listed.getString("find { it.id == '" + id + "' }.createdAt")).isNotNull();

        Row row = database.preparedQuery("SELECT * FROM access_ingest_tokens WHERE id = $1")
                .executeAndAwait(Tuple.of(id)).iterator().next();
        assertThat(String.valueOf(row.toJson())).doesNotContain(secret).doesNotContain(token);
        assertThat(row.getString("secret_sha256")).isEqualTo(Sha256.hex(secret));
        assertThat(row.getArrayOfStrings("signals")).containsExactly("traces", "logs");
    }

    @Test
    void signalsDefaultToAllThreeAndPipelinesToEveryPipeline() {
        Response created = create(Map.of("name", "everything " + UUID.randomUUID()));
        created.then().statusCode(201).body("pipelines", nullValue());
        assertThat(created.jsonPath().<String>getList("signals")).containsExactly("traces", "metrics", "logs");

        Row row = database.preparedQuery("SELECT signals, pipelines FROM access_ingest_tokens WHERE id = $1")
                .executeAndAwait(Tuple.of(created.<String>path("id"))).iterator().next();
        assertThat(row.getArrayOfStrings("signals")).containsExactly("traces", "metrics", "logs");
        assertThat(row.getArrayOfStrings("pipelines")).isNull();
    }

    @Test
    void aRevokedTokenIsMarkedOnceAndAnUnknownOneIs404() {
        String id = create(Map.of("name", "to revoke " + UUID.randomUUID())).path("id");

        String revokedAt = given().delete(TOKENS + "/{id}", id).then().statusCode(200)
                .body("id", equalTo(id)).body("revokedAt", not(equalTo(null))).body("$", not(hasKey("token")))
                .extract().path("revokedAt");
        given().delete(TOKENS + "/{id}", id).then().statusCode(200).body("revokedAt", equalTo(revokedAt));

        given().get(TOKENS).then().body("find { it.id == '" + id + "' }.revokedAt", equalTo(revokedAt));
        Row row = database.preparedQuery("SELECT revoked_at FROM access_ingest_tokens WHERE id = $1")
                .executeAndAwait(Tuple.of(id)).iterator().next();
        assertThat(row.getOffsetDateTime("revoked_at")).isNotNull();
        given().delete(TOKENS + "/{id}", "nosuchtoken0").then().statusCode(404);
    }

    @Test
    void badInputIs400NamingEachWrongField() {
        JsonPath wrong = create(Map.of("name", " ", "signals", List.of("traces", "profiles"), "pipelines", List.of(""),
                "expiresAt", Instant.now().minusSeconds(60).toString()))
                .then().statusCode(400).extract().jsonPath();
        assertThat(wrong.<String, String>getMap("fields").keySet())
                .containsExactlyInAnyOrder("name", "signals", "pipelines", "expiresAt");

        create(Map.of("name", "no signals", "signals", List.of())).then().statusCode(400)
                .body("fields.signals", not(equalTo(null)));
        create(Map.of("name", "no pipelines", "pipelines", List.of())).then().statusCode(400)
                .body("fields.pipelines", not(equalTo(null)));
        given().contentType(ContentType.JSON).body("").post(TOKENS).then().statusCode(400);
        Map<String, Object> nullSignal = new HashMap<>(Map.of("name", "null signal"));
        nullSignal.put("signals", java.util.Arrays.asList("traces", null));
        create(nullSignal).then().statusCode(400).body("fields.signals", not(equalTo(null)));
    }

    @Test
    void creatingAndRevokingAreAuditedWithTheCallerAndNeverTheSecret() {
        String admin = "token admin " + UUID.randomUUID();
        String adminKey = given().contentType(ContentType.JSON).body(Map.of("name", admin, "role", "admin"))
                .post("/api/v1/access/keys").then().statusCode(201).extract().path("key");
        String name = "audited token " + UUID.randomUUID();
        Response created = given().header("Authorization", "Bearer " + adminKey).contentType(ContentType.JSON)
                .body(Map.of("name", name, "signals", List.of("metrics"))).post(TOKENS);
        created.then().statusCode(201).body("createdBy", equalTo(admin));
        String id = created.path("id");
        String token = created.path("token");
        given().header("Authorization", "Bearer " + adminKey).delete(TOKENS + "/{id}", id).then().statusCode(200);

        JsonPath log = given().queryParam("actor", admin).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath();
        assertThat(log.<String>getList("action")).containsExactly("delete", "create");
        assertThat(log.<String>getList("objectKind")).containsOnly("ingest-token");
        assertThat(log.<String>getList("objectId")).containsOnly(id);
        assertThat(log.<String>getList("objectName")).containsOnly(name);
        assertThat(log.<String>getList("[1].summary.signals")).containsExactly("metrics");
        String secret = token.substring(("vgi_" + id + "_").length());
        for (Row row : database.preparedQuery("SELECT summary::text AS summary FROM audit_log WHERE actor = $1")
                .executeAndAwait(Tuple.of(admin))) {
            assertThat(row.getString("summary")).doesNotContain(secret).doesNotContain(Sha256.hex(secret));
        }
    }

    @Test
    void viewersAndEditorsGet403() {
        for (String role : List.of("viewer", "editor")) {
            String key = given().contentType(ContentType.JSON).body(Map.of("name", role + " of tokens", "role", role))
                    .post("/api/v1/access/keys").then().statusCode(201).extract().path("key");
            given().header("Authorization", "Bearer " + key).get(TOKENS).then().statusCode(403);
            given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                    .body(Map.of("name", "not allowed")).post(TOKENS).then().statusCode(403);
            given().header("Authorization", "Bearer " + key).delete(TOKENS + "/{id}", "abcdefghijkl").then()
                    .statusCode(403);
        }
    }

    private static Response create(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post(TOKENS);
    }
}
