package dev.vigil.alert.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.notify.Telemetry;
import dev.vigil.contracts.ConsumerGroups;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.SharedDevStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A rule's state changes as they arrive on the real Kafka broker's {@code vigil.alerts}. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class KafkaAlertPublisherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "mp.messaging.outgoing.alert-events.topic")
    String publishedTopic;

    @ConfigProperty(name = "mp.messaging.incoming.alert-intake.topic")
    String intakeTopic;

    @ConfigProperty(name = "mp.messaging.incoming.alert-intake.group.id")
    String intakeGroup;

    @Test
    void channelsUseTheTopicAndGroupNamedInTheContracts() {
        assertThat(publishedTopic).isEqualTo(Topics.ALERTS);
        assertThat(intakeTopic).isEqualTo(Topics.ALERTS);
        assertThat(intakeGroup).isEqualTo(ConsumerGroups.ALERT_NOTIFY);
    }

    @Test
    void publishesEachStateChangeOnceAsACloudEvent() throws Exception {
        Telemetry.ingest(); // its persist stage creates the tables the rule reads
        String service = "silent-" + UUID.randomUUID().toString().substring(0, 8);
        Instant created = Instant.now();
        long rule = given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body(Map.of("name", "no spans from " + service, "kind", "absence", "intervalSeconds", 1,
                        "spec", Map.of("signal", "traces", "service", service, "windowSeconds", 30),
                        "labels", Map.of("severity", "warning")))
                .post("/api/v1/rules").then().statusCode(201).extract().jsonPath().getLong("id");

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedDevStack.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.key() != null && r.key().startsWith(rule + ":")) {
                        records.add(r);
                    }
                });
            }
            // Later evaluations see the same state: nothing more may be published for this rule.
            long quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < quiet) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.key() != null && r.key().startsWith(rule + ":")) {
                        records.add(r);
                    }
                });
            }
        }

        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.getFirst();
        // CloudEvents 1.0, structured mode in Kafka's binding: the content-type header, the whole event as the value.
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        JsonNode event = JSON.readTree(record.value());
        String fingerprint = event.path("data").path("fingerprint").asText();
        assertThat(record.key()).isEqualTo(rule + ":" + fingerprint);
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo("dev.vigil.alert.firing");
        assertThat(event.path("source").asText()).isEqualTo("/vigil/alert-service");
        assertThat(event.path("subject").asText()).isEqualTo("rules/" + rule + "/alerts/" + fingerprint);
        assertThat(event.path("id").asText()).hasSize(32);
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(Instant.parse(event.path("time").asText())).isBetween(created, Instant.now());
        JsonNode data = event.path("data");
        assertThat(data.path("from").asText()).isEqualTo("inactive");
        assertThat(data.path("state").asText()).isEqualTo("firing");
        assertThat(data.path("value").asDouble()).isEqualTo(0.0);
        assertThat(data.path("labels").path("service").asText()).isEqualTo(service);
        assertThat(data.path("labels").path("alertname").asText()).isEqualTo("no spans from " + service);
        assertThat(data.path("labels").path("severity").asText()).isEqualTo("warning");
        assertThat(given().baseUri(base.toString()).queryParam("ruleId", rule).get("/api/v1/alerts/history")
                .then().statusCode(200).extract().jsonPath().getString("[0].eventId")).isEqualTo(event.path("id").asText());
        given().baseUri(base.toString()).delete("/api/v1/rules/{id}", rule).then().statusCode(204);
    }
}
