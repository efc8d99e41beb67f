package dev.vigil.alert.api;

import dev.vigil.alert.secret.SecretBox;
import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Channels, routes and silences through the API, against the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class ChannelResourceTest {

    /** The service under test evaluates every enabled rule at once: the tables they read should exist first. */
    @org.junit.jupiter.api.BeforeAll
    static void createTheTelemetryTables() {
        dev.vigil.alert.notify.Telemetry.ingest();
    }


    @Inject
    Pool database;

    @Inject
    SecretBox secrets;

    /** The hole: secrets were stored in plain text. Now the row holds AES-256-GCM ciphertext with the key's id. */
    @Test
    void neverReturnsASecretButStoresItEncrypted() {
        String secret = "https://hooks.slack.example/services/T1/B1/" + UUID.randomUUID();
        String name = unique("slack");
        Response created = post("/api/v1/channels", Map.of("name", name, "type", "slack", "webhookUrl", secret));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.asString()).doesNotContain(secret);
        long id = created.jsonPath().getLong("id");
        assertThat(created.jsonPath().getBoolean("secretSet")).isTrue();
        assertThat(given().get("/api/v1/channels/{id}", id).asString()).doesNotContain(secret);
        assertThat(given().get("/api/v1/channels").asString()).doesNotContain(secret);
        assertThat(storedSecret(id)).isEqualTo(secret);
    }

    @Test
    void anUpdateWithoutTheSecretKeepsTheStoredOneForTheSameDestination() {
        long id = post("/api/v1/channels", Map.of("name", unique("pd"), "type", "pagerduty", "routingKey", "rk-1",
                "eventsUrl", "http://127.0.0.1:9/v2/enqueue")).then().statusCode(201).extract().jsonPath().getLong("id");
        String renamed = unique("pd renamed");

        JsonPath updated = given().contentType(ContentType.JSON)
                .body(Map.of("name", renamed, "type", "pagerduty", "eventsUrl", "http://127.0.0.1:9/v2/enqueue"))
                .put("/api/v1/channels/{id}", id).then().statusCode(200).extract().jsonPath();

        assertThat(updated.getString("name")).isEqualTo(renamed);
        assertThat(updated.getString("eventsUrl")).isEqualTo("http://127.0.0.1:9/v2/enqueue");
        assertThat(storedSecret(id)).isEqualTo("rk-1");
    }

    /**
     * The hole: a Slack channel changed into a PagerDuty one with an events URL of one's own, the secret left out,
     * kept the Slack webhook URL, and the next notification sent it there as the routing key.
     */
    @Test
    void aSecretIsNotKeptWhenTheTypeOrDestinationChanges() {
        String webhook = "https://hooks.slack.example/services/T1/B1/" + UUID.randomUUID();
        long slack = post("/api/v1/channels", Map.of("name", unique("slack"), "type", "slack", "webhookUrl", webhook))
                .then().statusCode(201).extract().jsonPath().getLong("id");

        JsonPath refused = given().contentType(ContentType.JSON)
                .body(Map.of("name", unique("stolen"), "type", "pagerduty", "eventsUrl", "https://attacker.example/v2/enqueue"))
                .put("/api/v1/channels/{id}", slack).then().statusCode(400).extract().jsonPath();
        assertThat(refused.getString("fields.routingKey")).contains("sent again");
        assertThat(storedSecret(slack)).isEqualTo(webhook);
        assertThat(given().get("/api/v1/channels/{id}", slack).jsonPath().getString("type")).isEqualTo("slack");

        long pagerDuty = post("/api/v1/channels", Map.of("name", unique("pd"), "type", "pagerduty", "routingKey", "rk-2"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", unique("pd moved"), "type", "pagerduty", "eventsUrl", "https://attacker.example/v2/enqueue"))
                .put("/api/v1/channels/{id}", pagerDuty).then().statusCode(400);
        assertThat(given().get("/api/v1/channels/{id}", pagerDuty).jsonPath().getString("eventsUrl")).isNull();

        given().contentType(ContentType.JSON)
                .body(Map.of("name", unique("pd moved"), "type", "pagerduty", "routingKey", "rk-3", "eventsUrl", "https://other.example/v2/enqueue"))
                .put("/api/v1/channels/{id}", pagerDuty).then().statusCode(200);
        assertThat(storedSecret(pagerDuty)).isEqualTo("rk-3");
    }

    @Test
    void rejectsAChannelWithoutItsSecretOrWithFieldsOfAnotherTypeNamingThem() {
        JsonPath error = post("/api/v1/channels", Map.of("name", unique("bad"), "type", "webhook",
                "routingKey", "rk")).then().statusCode(400).extract().jsonPath();

        assertThat(error.<String, String>getMap("fields").keySet()).containsExactly("routingKey", "url");
        assertThat(post("/api/v1/channels", Map.of("name", unique("bad url"), "type", "slack", "webhookUrl", "not a url"))
                .then().statusCode(400).extract().jsonPath().<String, String>getMap("fields").keySet()).containsExactly("webhookUrl");
        assertThat(post("/api/v1/channels", Map.of("name", unique("bad type"), "type", "email"))
                .then().statusCode(400).extract().jsonPath().getString("fields.type"))
                .isEqualTo("must be one of slack, pagerduty, webhook");
    }

    @Test
    void aChannelUsedByARouteCannotBeDeletedUntilTheRouteIs() {
        long channel = post("/api/v1/channels", Map.of("name", unique("used"), "type", "webhook", "url", "http://127.0.0.1:9/"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long route = post("/api/v1/routes", Map.of("name", unique("route"), "channelId", channel))
                .then().statusCode(201).extract().jsonPath().getLong("id");

        given().delete("/api/v1/channels/{id}", channel).then().statusCode(409);
        given().delete("/api/v1/routes/{id}", route).then().statusCode(204);
        given().delete("/api/v1/channels/{id}", channel).then().statusCode(204);
        given().get("/api/v1/channels/{id}", channel).then().statusCode(404);
    }

    @Test
    void storesARouteWithAlertmanagersDefaults() {
        long channel = post("/api/v1/channels", Map.of("name", unique("c"), "type", "webhook", "url", "http://127.0.0.1:9/"))
                .then().statusCode(201).extract().jsonPath().getLong("id");

        JsonPath route = post("/api/v1/routes", Map.of("name", unique("team shop"), "channelId", channel,
                "matchers", List.of(Map.of("label", "team", "value", "shop"), Map.of("label", "severity", "op", "=~", "value", "page|critical"))))
                .then().statusCode(201).extract().jsonPath();

        assertThat(route.<String>getList("matchers.op")).containsExactly("=", "=~");
        assertThat(route.<String>getList("groupBy")).containsExactly("alertname");
        assertThat(route.getInt("groupWaitSeconds")).isEqualTo(30);
        assertThat(route.getInt("groupIntervalSeconds")).isEqualTo(300);
        assertThat(route.getInt("repeatIntervalSeconds")).isEqualTo(14_400);
    }

    @Test
    void rejectsARouteToAnUnknownChannelOrWithABadMatcherNamingTheField() {
        assertThat(post("/api/v1/routes", Map.of("name", unique("nowhere"), "channelId", Long.MAX_VALUE))
                .then().statusCode(400).extract().jsonPath().<String, String>getMap("fields").keySet()).containsExactly("channelId");
        assertThat(post("/api/v1/routes", Map.of("name", unique("bad regex"), "channelId", 1,
                "matchers", List.of(Map.of("label", "team", "op", "=~", "value", "(")), "repeatIntervalSeconds", 0))
                .then().statusCode(400).extract().jsonPath().<String, String>getMap("fields").keySet())
                .containsExactly("matchers[0].value", "repeatIntervalSeconds");
    }

    @Test
    void createsAndListsASilenceAndRefusesOneThatEndsBeforeItStarts() {
        // An hour from the run's clock, on a service no other test alerts on: it silences nothing else.
        Instant now = Instant.now();
        JsonPath silence = post("/api/v1/silences", Map.of("matchers", List.of(Map.of("label", "service",
                        "value", unique("checkout"))),
                "endsAt", now.plus(Duration.ofHours(1)).toString(), "createdBy", "oncall@example.com", "comment", "deploy"))
                .then().statusCode(201).extract().jsonPath();
        assertThat(silence.getBoolean("active")).isTrue();
        assertThat(silence.getString("createdBy")).isEqualTo("oncall@example.com");
        assertThat(given().get("/api/v1/silences").then().statusCode(200).extract().jsonPath().<Integer>getList("id"))
                .contains(silence.getInt("id"));

        JsonPath error = post("/api/v1/silences", Map.of("matchers", List.of(),
                "startsAt", now.plus(Duration.ofDays(1)).toString(), "endsAt", now.toString()))
                .then().statusCode(400).extract().jsonPath();
        assertThat(error.<String, String>getMap("fields").keySet()).containsExactly("matchers", "endsAt", "createdBy");
    }

    /** The secret as the row holds it, decrypted after checking the row holds no plaintext. */
    private String storedSecret(long id) {
        String raw = database.preparedQuery("SELECT secret FROM channel WHERE id = $1").executeAndAwait(Tuple.of(id))
                .iterator().next().getString("secret");
        String secret = secrets.open(raw);
        assertThat(raw).as("the stored secret").startsWith(SecretBox.PREFIX).doesNotContain(secret);
        return secret;
    }

    /**
     * The hole (SSRF): a channel's URL could point at cloud metadata, loopback or any internal address. Every URL
     * field is checked on create and update; only what vigil.alert.destinations.allow allows (here 127.0.0.1) passes.
     */
    @Test
    void aUrlThatReachesAnInternalAddressIsRefusedNamingItsField() {
        JsonPath metadata = post("/api/v1/channels", Map.of("name", unique("metadata"), "type", "webhook",
                "url", "http://169.254.169.254/latest/meta-data/iam/security-credentials/"))
                .then().statusCode(400).extract().jsonPath();
        assertThat(metadata.<String, String>getMap("fields")).containsOnlyKeys("url");
        assertThat(metadata.getString("fields.url")).isEqualTo("reaches a link-local address 169.254.169.254, which"
                + " vigil.alert.destinations.allow does not allow");
        assertThat(post("/api/v1/channels", Map.of("name", unique("loopback"), "type", "slack",
                "webhookUrl", "http://127.0.0.2:8123/services/x")).then().statusCode(400).extract().jsonPath()
                .getString("fields.webhookUrl")).startsWith("reaches a loopback address 127.0.0.2");
        assertThat(post("/api/v1/channels", Map.of("name", unique("ipv6"), "type", "pagerduty", "routingKey", "rk",
                "eventsUrl", "http://[::1]:8082/v2/enqueue")).then().statusCode(400).extract().jsonPath()
                .getString("fields.eventsUrl")).startsWith("reaches a loopback address");
        assertThat(post("/api/v1/channels", Map.of("name", unique("mapped"), "type", "webhook",
                "url", "http://[::ffff:10.0.0.7]/")).then().statusCode(400).extract().jsonPath()
                .getString("fields.url")).startsWith("reaches a private address 10.0.0.7");

        long allowed = post("/api/v1/channels", Map.of("name", unique("allowed"), "type", "webhook",
                "url", "http://127.0.0.1:9/hook")).then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(given().contentType(ContentType.JSON).body(Map.of("name", unique("moved"), "type", "webhook",
                        "url", "http://169.254.169.254/")).put("/api/v1/channels/{id}", allowed)
                .then().statusCode(400).extract().jsonPath().getString("fields.url")).startsWith("reaches a link-local");
        assertThat(storedSecret(allowed)).isEqualTo("http://127.0.0.1:9/hook");
    }

    private static Response post(String path, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID();
    }
}
