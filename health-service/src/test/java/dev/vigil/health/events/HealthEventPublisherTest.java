package dev.vigil.health.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.health.platform.StandInServices;
import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.StatusChange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A status change as the raw record on the real broker's {@code vigil.health}: a CloudEvents 1.0 event. */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
class HealthEventPublisherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    Event<StatusChange> changes;

    @ConfigProperty(name = "mp.messaging.outgoing.health-events.topic")
    String topic;

    @Test
    void theChannelWritesTheTopicNamedInTheContracts() {
        assertThat(topic).isEqualTo(Topics.HEALTH);
    }

    @Test
    void publishesAStatusChangeAsAStructuredCloudEventKeyedBySubject() throws Exception {
        String subject = "cluster/pods/test/" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        changes.fire(new StatusChange(subject, HealthStatus.HEALTHY, HealthStatus.CRITICAL, List.of("memory at 95.0 %"), at));

        ConsumerRecord<String, String> record = await(subject);

        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(UUID.fromString(event.path("id").asText())).isNotNull();
        assertThat(event.path("source").asText()).isEqualTo("/vigil/health-service");
        assertThat(event.path("type").asText()).isEqualTo("dev.vigil.health.status.changed");
        assertThat(event.path("subject").asText()).isEqualTo(subject);
        assertThat(Instant.parse(event.path("time").asText())).isEqualTo(at);
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        JsonNode data = event.path("data");
        assertThat(data.path("subject").asText()).isEqualTo(subject);
        assertThat(data.path("previous").asText()).isEqualTo("HEALTHY");
        assertThat(data.path("status").asText()).isEqualTo("CRITICAL");
        assertThat(data.path("reasons").get(0).asText()).isEqualTo("memory at 95.0 %");
    }

    private static ConsumerRecord<String, String> await(String subject) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedDevStack.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.HEALTH));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (subject.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        return fail("no event about %s on %s within %s", subject, Topics.HEALTH, WITHIN);
    }
}
