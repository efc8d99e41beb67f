package dev.vigil.alert.notify;

import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.SharedDevStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alert events written straight to the real broker's {@code vigil.alerts}, as another replica or a replay would
 * leave them: the intake reads CloudEvents in both of Kafka's modes, takes an event in once however often it
 * arrives, and skips what is not an alert event without stopping.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class AlertIntakeTest {

    private static final Pattern UNDECODABLE = Pattern.compile("(?m)^vigil_alert_notify_events_undecodable_total(?:\\{[^}]*})? (\\S+)$");

    @TestHTTPResource("/")
    URL base;

    @Test
    void takesAReplayedEventInOnceAndSkipsRecordsThatAreNotAlertEvents() throws Exception {
        AlertApi api = new AlertApi(base.toString());
        String id = UUID.randomUUID().toString().substring(0, 8);
        String service = "intake-" + id;
        String ruleName = "intake " + id;
        double undecodableBefore = undecodable();
        try (RecordingReceiver slack = new RecordingReceiver();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedDevStack.get().kafkaBootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            long channel = api.createChannel(Map.of("name", "slack " + id, "type", "slack",
                    "webhookUrl", slack.url("/hook/" + id)));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            // Disabled: nothing but this test's records speaks of the rule.
            long rule = api.createRule(Map.of("name", ruleName, "kind", "error_rate", "enabled", false,
                    "spec", Map.of("service", service, "threshold", 0.5, "windowSeconds", 60),
                    "labels", Map.of("test", id)));
            String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            String eventId = UUID.randomUUID().toString().replace("-", "");
            String key = rule + ":" + fingerprint;
            Instant now = Instant.now();
            JsonObject data = new JsonObject()
                    .put("ruleId", rule).put("ruleName", ruleName).put("fingerprint", fingerprint)
                    .put("from", "pending").put("state", "firing")
                    .put("activeAt", now.minusSeconds(5).toString()).put("firedAt", now.toString()).putNull("resolvedAt")
                    .put("value", 1.0)
                    .put("labels", new JsonObject(Map.of("alertname", ruleName, "service", service, "test", id)))
                    .put("annotations", new JsonObject(Map.of("summary", service + " fails")));
            JsonObject structured = new JsonObject().put("specversion", "1.0").put("id", eventId)
                    .put("source", "/vigil/alert-service").put("type", "dev.vigil.alert.firing")
                    .put("subject", "rules/" + rule + "/alerts/" + fingerprint).put("time", now.toString())
                    .put("datacontenttype", "application/json").put("data", data);

            producer.send(structuredRecord(key, "not json")).get();
            producer.send(structuredRecord(key, structured.encode())).get();
            // The same event again, in the binary mode: attributes in ce_ headers, data as the value.
            ProducerRecord<String, String> binary = new ProducerRecord<>(Topics.ALERTS, key, data.encode());
            Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_source", "/vigil/alert-service",
                    "ce_type", "dev.vigil.alert.firing", "ce_time", now.toString(), "content-type", "application/json")
                    .forEach((name, value) -> binary.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(binary).get();
            producer.send(new ProducerRecord<>(Topics.ALERTS, key, "{\"neither\": \"a CloudEvent\"}")).get();

            List<RecordingReceiver.Request> firing = slack.await(1, Duration.ofSeconds(30));
            assertThat(firing.getFirst().body().path("text").asText())
                    .isEqualTo("[FIRING:1] " + ruleName + " (service=" + service + ")");
            Thread.sleep(3_000); // group_interval 1 s and a 100 ms tick: a second take-in would have been sent by now
            assertThat(slack.requests()).as("the replayed event changes nothing").hasSize(1);
            assertThat(undecodable() - undecodableBefore).as("the record that is not JSON and the plain one")
                    .isEqualTo(2.0);
        }
    }

    private static ProducerRecord<String, String> structuredRecord(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ALERTS, key, value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private double undecodable() {
        String metrics = given().baseUri(base.toString()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = UNDECODABLE.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}
