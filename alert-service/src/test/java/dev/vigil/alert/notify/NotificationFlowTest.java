package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.alert.secret.SecretBox;
import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From spans accepted by a packaged ingest-service to requests on local stand-ins for Slack and PagerDuty,
 * through this alert-service with the real PostgreSQL, Kafka and ClickHouse of devstack. Each test has its
 * own service name, rule, channel and route (matching a label unique to the test), so tests do not see
 * each other's alerts.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class NotificationFlowTest {

    private static final Duration FIRING_WITHIN = Duration.ofSeconds(45);

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool database;

    private AlertApi api;
    private String id;
    private String service;
    private String ruleName;

    @BeforeAll
    static void startIngest() {
        Telemetry.ingest();
    }

    @BeforeEach
    void names() {
        api = new AlertApi(base.toString());
        id = UUID.randomUUID().toString().substring(0, 8);
        service = "checkout-" + id;
        ruleName = "checkout errors " + id;
    }

    @Test
    void slackGetsOneFiringMessageAfterTheForPeriodThenOneResolvedMessage() throws Exception {
        try (RecordingReceiver slack = new RecordingReceiver()) {
            long channel = api.createChannel(Map.of("name", "slack " + id, "type", "slack",
                    "webhookUrl", slack.url("/services/T000/B000/" + id)));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            long rule = api.errorRateRule(ruleName, service, id, 1, 2, 8);

            Telemetry.sendSpans(service, "POST /checkout", 4, 4);

            List<RecordingReceiver.Request> firing = slack.await(1, FIRING_WITHIN);
            List<Map<String, Object>> changes = transitionsOldestFirst(rule);
            assertThat(changes).extracting(c -> c.get("from") + "->" + c.get("to"))
                    .containsExactly("inactive->pending", "pending->firing");
            Instant pendingAt = Instant.parse((String) changes.get(0).get("at"));
            Instant firedAt = Instant.parse((String) changes.get(1).get("at"));
            assertThat(Duration.between(pendingAt, firedAt)).as("fires only after for (2 s)")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));

            RecordingReceiver.Request message = firing.get(0);
            assertThat(message.method()).isEqualTo("POST");
            assertThat(message.path()).isEqualTo("/services/T000/B000/" + id);
            assertThat(message.contentType()).isEqualTo("application/json");
            JsonNode body = message.body();
            String title = "[FIRING:1] " + ruleName + " (service=" + service + ")";
            assertThat(body.path("text").asText()).isEqualTo(title);
            JsonNode blocks = body.path("blocks");
            assertThat(blocks).hasSize(4);
            assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
            assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo(title);
            assertThat(blocks.get(1).path("text").path("text").asText())
                    .isEqualTo(":red_circle: *" + service + " fails*\n1 of " + service + " requests fail");
            List<String> fields = new ArrayList<>();
            blocks.get(2).path("fields").forEach(f -> fields.add(f.path("text").asText()));
            assertThat(fields).containsExactly("*Severity*\npage", "*Service*\n" + service, "*Value*\n1",
                    "*Since*\n" + firedAt);
            assertThat(blocks.get(3).path("elements").get(0).path("text").asText())
                    .isEqualTo("<http://localhost:8082/api/v1/alerts?ruleId=" + rule + "|View in Vigil> · rule " + ruleName);

            List<RecordingReceiver.Request> both = slack.await(2, FIRING_WITHIN);
            JsonNode resolved = both.get(1).body();
            String resolvedTitle = "[RESOLVED] " + ruleName + " (service=" + service + ")";
            assertThat(resolved.path("text").asText()).isEqualTo(resolvedTitle);
            assertThat(resolved.path("blocks").get(1).path("text").path("text").asText())
                    .startsWith(":large_green_circle: *" + service + " fails*");
            assertThat(transitionsOldestFirst(rule)).extracting(c -> c.get("from") + "->" + c.get("to"))
                    .containsExactly("inactive->pending", "pending->firing", "firing->resolved");

            Thread.sleep(3_000);
            assertThat(slack.requests()).as("nothing after the resolved message").hasSize(2);
            assertThat(api.notifications(channel).<String>getList("status")).containsExactly("delivered", "delivered");
        }
    }

    @Test
    void pagerDutyGetsTriggerThenResolveWithTheSameDedupKey() throws Exception {
        try (RecordingReceiver pagerDuty = new RecordingReceiver()) {
            long channel = api.createChannel(Map.of("name", "pagerduty " + id, "type", "pagerduty",
                    "routingKey", "rk-" + id, "eventsUrl", pagerDuty.url("/v2/enqueue")));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            api.errorRateRule(ruleName, service, id, 1, 1, 6);

            Telemetry.sendSpans(service, "POST /checkout", 3, 3);

            List<RecordingReceiver.Request> events = pagerDuty.await(2, FIRING_WITHIN.multipliedBy(2));
            JsonNode trigger = events.get(0).body();
            JsonNode resolve = events.get(1).body();
            assertThat(events).extracting(RecordingReceiver.Request::path).containsExactly("/v2/enqueue", "/v2/enqueue");
            assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
            assertThat(trigger.path("routing_key").asText()).isEqualTo("rk-" + id);
            assertThat(trigger.path("dedup_key").asText()).startsWith("vigil-").hasSize(46);
            JsonNode payload = trigger.path("payload");
            assertThat(payload.path("summary").asText()).isEqualTo("[FIRING:1] " + ruleName + ": " + service + " fails");
            assertThat(payload.path("source").asText()).isEqualTo(service);
            assertThat(payload.path("severity").asText()).isEqualTo("critical");
            assertThat(payload.path("custom_details").path("firing").asInt()).isEqualTo(1);
            assertThat(payload.path("custom_details").path("alerts").get(0).path("labels").path("service").asText())
                    .isEqualTo(service);
            assertThat(payload.path("custom_details").path("alerts").get(0).path("value").asDouble()).isEqualTo(1.0);

            assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
            assertThat(resolve.path("routing_key").asText()).isEqualTo("rk-" + id);
            // The routing key reached PagerDuty right, from a row that holds it encrypted only.
            assertThat(database.preparedQuery("SELECT secret FROM channel WHERE id = $1")
                    .executeAndAwait(Tuple.of(channel)).iterator().next().getString("secret"))
                    .startsWith(SecretBox.PREFIX).doesNotContain("rk-" + id);
            assertThat(resolve.path("dedup_key").asText()).isEqualTo(trigger.path("dedup_key").asText());

            Thread.sleep(2_000);
            assertThat(pagerDuty.requests()).hasSize(2);
        }
    }

    @Test
    void aSilenceSuppressesTheNotificationOfAFiringAlert() throws Exception {
        try (RecordingReceiver slack = new RecordingReceiver()) {
            long channel = api.createChannel(Map.of("name", "slack " + id, "type", "slack",
                    "webhookUrl", slack.url("/hook/" + id)));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            api.createSilence(Map.of("matchers", List.of(Map.of("label", "test", "op", "=", "value", id)),
                    "endsAt", Instant.now().plus(Duration.ofMinutes(10)).toString(),
                    "createdBy", "oncall@example.com", "comment", "maintenance of " + service));
            long rule = api.errorRateRule(ruleName, service, id, 1, 0, 20);

            Telemetry.sendSpans(service, "POST /checkout", 2, 2);

            api.awaitAlertState(rule, "firing", FIRING_WITHIN);
            Thread.sleep(4_000); // group_wait 0 and a 100 ms tick: an unsilenced alert would have been sent by now
            assertThat(slack.requests()).isEmpty();
            assertThat(api.notifications(channel).getList("")).isEmpty();
        }
    }

    @Test
    void repeatIntervalResendsWhatStillFiresUntilItResolves() throws Exception {
        try (RecordingReceiver slack = new RecordingReceiver()) {
            long channel = api.createChannel(Map.of("name", "slack " + id, "type", "slack",
                    "webhookUrl", slack.url("/hook/" + id)));
            api.routeFor("route " + id, channel, id, 0, 1, 3);
            api.errorRateRule(ruleName, service, id, 1, 0, 12);

            Telemetry.sendSpans(service, "POST /checkout", 2, 2);

            List<RecordingReceiver.Request> two = slack.await(2, FIRING_WITHIN);
            String title = "[FIRING:1] " + ruleName + " (service=" + service + ")";
            assertThat(two).extracting(r -> r.body().path("text").asText()).containsExactly(title, title);
            assertThat(Duration.ofNanos(two.get(1).receivedNanos() - two.get(0).receivedNanos()))
                    .as("the repeat waits for repeat_interval (3 s)").isGreaterThan(Duration.ofMillis(2_500));

            List<String> titles = new ArrayList<>();
            long deadline = System.nanoTime() + FIRING_WITHIN.toNanos();
            while (System.nanoTime() < deadline && !titles.contains("[RESOLVED] " + ruleName + " (service=" + service + ")")) {
                titles = slack.requests().stream().map(r -> r.body().path("text").asText()).toList();
                Thread.sleep(200);
            }
            assertThat(titles.getLast()).isEqualTo("[RESOLVED] " + ruleName + " (service=" + service + ")");
            assertThat(titles.subList(0, titles.size() - 1)).hasSizeGreaterThanOrEqualTo(2).containsOnly(title);
        }
    }

    @Test
    void slackAnswering429IsRetriedAfterRetryAfterAndDeliveredOnce() throws Exception {
        try (RecordingReceiver slack = new RecordingReceiver()) {
            slack.answerNext(429, Map.of("Retry-After", "2"), "rate_limited");
            long channel = api.createChannel(Map.of("name", "slack " + id, "type", "slack",
                    "webhookUrl", slack.url("/hook/" + id)));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            api.errorRateRule(ruleName, service, id, 1, 0, 60);

            Telemetry.sendSpans(service, "POST /checkout", 2, 2);

            List<RecordingReceiver.Request> both = slack.await(2, FIRING_WITHIN);
            assertThat(both.get(1).body()).isEqualTo(both.get(0).body());
            assertThat(Duration.ofNanos(both.get(1).receivedNanos() - both.get(0).receivedNanos()))
                    .as("Retry-After: 2 is honoured").isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
            Thread.sleep(3_000);
            assertThat(slack.requests()).hasSize(2);

            JsonPath log = api.notifications(channel);
            assertThat(log.getList("")).hasSize(1);
            assertThat(log.getString("[0].status")).isEqualTo("delivered");
            assertThat(log.getInt("[0].attempts")).isEqualTo(2);
            assertThat(log.<String>getList("[0].deliveryAttempts.outcome")).containsExactly("retryable", "delivered");
            assertThat(log.<Integer>getList("[0].deliveryAttempts.httpStatus")).containsExactly(429, 200);
            assertThat(log.getString("[0].deliveryAttempts[0].error")).isEqualTo("HTTP 429: rate_limited");
        }
    }

    @Test
    void slackAnswering400IsNotRetriedAndLoggedAsFailed() throws Exception {
        try (RecordingReceiver slack = new RecordingReceiver()) {
            slack.answerNext(400, Map.of(), "invalid_payload");
            long channel = api.createChannel(Map.of("name", "slack " + id, "type", "slack",
                    "webhookUrl", slack.url("/hook/" + id)));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            api.errorRateRule(ruleName, service, id, 1, 0, 60);

            Telemetry.sendSpans(service, "POST /checkout", 2, 2);

            slack.await(1, FIRING_WITHIN);
            JsonPath log = AlertApi.await(() -> api.notifications(channel),
                    l -> "failed".equals(l.getString("[0].status")), Duration.ofSeconds(10), "the failure to be logged");
            Thread.sleep(3_000);
            assertThat(slack.requests()).as("a 400 is not retried").hasSize(1);
            assertThat(log.getInt("[0].attempts")).isEqualTo(1);
            assertThat(log.<String>getList("[0].deliveryAttempts.outcome")).containsExactly("failed");
            assertThat(log.<Integer>getList("[0].deliveryAttempts.httpStatus")).containsExactly(400);
            assertThat(log.getString("[0].lastError")).isEqualTo("HTTP 400: invalid_payload");
        }
    }

    /**
     * Slack in an outage, then back: the firing and then the resolve each arrive exactly once, in order. The
     * outage lasts more attempts than delivery once allowed (8); with the production back-off (1 s doubling to
     * 5 min) ten attempts take about five minutes, with the tests' (200 ms to 1 s) a few seconds.
     */
    @Test
    void slackDownForMinutesGetsTheFiringThenTheResolveEachOnceInOrderWhenBack() throws Exception {
        try (RecordingReceiver slack = new RecordingReceiver()) {
            slack.down(true);
            long channel = api.createChannel(Map.of("name", "slack " + id, "type", "slack",
                    "webhookUrl", slack.url("/hook/" + id)));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            long rule = api.errorRateRule(ruleName, service, id, 1, 0, 20);

            Telemetry.sendSpans(service, "POST /checkout", 2, 2);

            api.awaitAlertState(rule, "firing", FIRING_WITHIN);
            awaitAttempts(channel, 0, ATTEMPTS_IN_OUTAGE);
            slack.down(false);
            slack.awaitAccepted(1, Duration.ofSeconds(15));
            slack.down(true);
            AlertApi.await(() -> api.history(rule), h -> h.getList("to").contains("resolved"), FIRING_WITHIN,
                    "the alert to resolve");
            awaitAttempts(channel, 1, 3);
            slack.down(false);
            slack.awaitAccepted(2, Duration.ofSeconds(15));

            Thread.sleep(3_000);
            assertThat(slack.accepted()).extracting(r -> r.body().path("text").asText()).containsExactly(
                    "[FIRING:1] " + ruleName + " (service=" + service + ")",
                    "[RESOLVED] " + ruleName + " (service=" + service + ")");
            JsonPath log = api.notifications(channel);
            assertThat(log.<String>getList("status")).containsExactly("delivered", "delivered");
            assertThat(log.<String>getList("notifiedStatus")).containsExactly("firing", "resolved");
            List<String> firstOutcomes = log.getList("[0].deliveryAttempts.outcome");
            assertThat(firstOutcomes).hasSizeGreaterThan(ATTEMPTS_IN_OUTAGE).endsWith("delivered")
                    .containsOnly("retryable", "delivered");
            assertThat(log.<Integer>getList("[0].deliveryAttempts.httpStatus")).startsWith(503, 503);
            assertThat(log.getString("[0].deliveryAttempts[0].error")).isEqualTo("HTTP 503: service unavailable");
        }
    }

    @Test
    void aFiringAlertWhoseDataStopsGoesToNodataAndIsNotifiedSoNotResolved() throws Exception {
        try (RecordingReceiver slack = new RecordingReceiver()) {
            long channel = api.createChannel(Map.of("name", "slack " + id, "type", "slack",
                    "webhookUrl", slack.url("/hook/" + id)));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            long rule = api.errorRateRule(ruleName, service, id, 1, 0, 6, "nodata");

            Telemetry.sendSpans(service, "POST /checkout", 2, 2);

            slack.await(1, FIRING_WITHIN);
            api.awaitAlertState(rule, "nodata", FIRING_WITHIN);
            List<RecordingReceiver.Request> both = slack.await(2, Duration.ofSeconds(15));
            JsonNode nodata = both.get(1).body();
            assertThat(nodata.path("text").asText()).isEqualTo("[FIRING:1] " + ruleName + " (service=" + service + ")");
            assertThat(nodata.path("blocks").get(1).path("text").path("text").asText())
                    .startsWith(":grey_question: *No data:* *" + service + " fails*");

            Thread.sleep(3_000);
            assertThat(transitionsOldestFirst(rule)).extracting(c -> c.get("from") + "->" + c.get("to"))
                    .containsExactly("inactive->firing", "firing->nodata");
            assertThat(api.alerts(rule).<String>getList("state")).containsExactly("nodata");
            assertThat(slack.requests()).as("nothing after the nodata message").hasSize(2);
        }
    }

    @Test
    void webhookGetsAlertmanagersPayloadWithAnIdempotencyKey() throws Exception {
        try (RecordingReceiver hook = new RecordingReceiver()) {
            long channel = api.createChannel(Map.of("name", "webhook " + id, "type", "webhook",
                    "url", hook.url("/alerts/" + id)));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            long rule = api.errorRateRule(ruleName, service, id, 1, 0, 60);

            Telemetry.sendSpans(service, "POST /checkout", 2, 2);

            JsonNode payload = hook.await(1, FIRING_WITHIN).get(0).body();
            assertThat(payload.path("version").asText()).isEqualTo("4");
            assertThat(payload.path("status").asText()).isEqualTo("firing");
            assertThat(payload.path("receiver").asText()).isEqualTo("route " + id);
            assertThat(payload.path("groupKey").asText()).isEqualTo("{alertname=\"" + ruleName + "\",service=\"" + service + "\"}");
            assertThat(payload.path("groupLabels").path("service").asText()).isEqualTo(service);
            assertThat(payload.path("commonLabels").path("severity").asText()).isEqualTo("page");
            JsonNode alert = payload.path("alerts").get(0);
            assertThat(alert.path("status").asText()).isEqualTo("firing");
            assertThat(alert.path("labels").path("alertname").asText()).isEqualTo(ruleName);
            assertThat(alert.path("labels").path("test").asText()).isEqualTo(id);
            assertThat(alert.path("annotations").path("description").asText()).isEqualTo("1 of " + service + " requests fail");
            assertThat(alert.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
            assertThat(alert.path("generatorURL").asText()).isEqualTo("http://localhost:8082/api/v1/alerts?ruleId=" + rule);
            assertThat(alert.path("fingerprint").asText()).isEqualTo(api.alerts(rule).getString("[0].fingerprint"));
            assertThat(api.notifications(channel).getString("[0].idempotencyKey")).hasSize(40);
        }
    }

    @Test
    void evaluatingARuleNowAnswersWhatWouldHappenAndStoresNothing() throws Exception {
        long rule = api.createRule(Map.of("name", ruleName, "kind", "error_rate", "enabled", false,
                "spec", Map.of("service", service, "threshold", 0.5, "windowSeconds", 60),
                "forSeconds", 60, "labels", Map.of("test", id)));

        Telemetry.sendSpans(service, "POST /checkout", 3, 3);

        JsonPath preview = AlertApi.await(() -> io.restassured.RestAssured.given().baseUri(base.toString())
                        .post("/api/v1/rules/{id}/evaluate", rule).then().statusCode(200).extract().jsonPath(),
                p -> !p.getList("transitions").isEmpty(), FIRING_WITHIN, "the spans to be seen by the rule");
        assertThat(preview.getString("alerts[0].state")).isEqualTo("pending");
        assertThat(preview.getDouble("alerts[0].value")).isEqualTo(1.0);
        assertThat(preview.<String, String>getMap("alerts[0].labels")).containsOnly(Map.entry("service", service),
                Map.entry("test", id), Map.entry("alertname", ruleName));
        assertThat(preview.getString("transitions[0].from")).isEqualTo("inactive");
        assertThat(preview.getString("transitions[0].to")).isEqualTo("pending");
        assertThat(api.alerts(rule).getList("")).isEmpty();
        assertThat(api.history(rule).getList("")).isEmpty();
        io.restassured.RestAssured.given().baseUri(base.toString()).post("/api/v1/rules/{id}/evaluate", Long.MAX_VALUE)
                .then().statusCode(404);
    }

    @Test
    void deletingARuleWhoseAlertFiresSendsTheResolution() throws Exception {
        try (RecordingReceiver slack = new RecordingReceiver()) {
            long channel = api.createChannel(Map.of("name", "slack " + id, "type", "slack",
                    "webhookUrl", slack.url("/hook/" + id)));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            long rule = api.errorRateRule(ruleName, service, id, 1, 0, 300);

            Telemetry.sendSpans(service, "POST /checkout", 2, 2);
            slack.await(1, FIRING_WITHIN);
            api.deleteRule(rule);

            List<RecordingReceiver.Request> both = slack.await(2, Duration.ofSeconds(15));
            assertThat(both).extracting(r -> r.body().path("text").asText()).containsExactly(
                    "[FIRING:1] " + ruleName + " (service=" + service + ")",
                    "[RESOLVED] " + ruleName + " (service=" + service + ")");
            Thread.sleep(2_000);
            assertThat(slack.requests()).hasSize(2);
        }
    }

    /** More attempts than delivery once made before it gave up (8). */
    private static final int ATTEMPTS_IN_OUTAGE = 10;

    /** Waits until the channel's {@code index}th notification has had {@code attempts} delivery attempts. */
    private void awaitAttempts(long channel, int index, int attempts) throws InterruptedException {
        AlertApi.await(() -> api.notifications(channel),
                log -> log.getList("").size() > index
                        && log.getList("[" + index + "].deliveryAttempts").size() >= attempts,
                Duration.ofSeconds(30), "notification " + index + " to have " + attempts + " delivery attempts");
    }

    /** The rule's state changes, oldest first (the API answers newest first). */
    private List<Map<String, Object>> transitionsOldestFirst(long rule) {
        List<Map<String, Object>> changes = new ArrayList<>(api.history(rule).getList(""));
        return changes.reversed();
    }
}
