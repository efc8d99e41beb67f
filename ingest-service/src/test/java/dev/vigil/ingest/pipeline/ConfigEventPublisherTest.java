package dev.vigil.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Signal;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.SharedDevStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A pipelines reload as the raw record on the real broker's {@code vigil.config}: a CloudEvents 1.0 event. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class ConfigEventPublisherTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConfigEventPublisher events;

    @ConfigProperty(name = "mp.messaging.outgoing.config-events.topic")
    String topic;

    @Test
    void theChannelWritesTheTopicNamedInTheContracts() {
        assertThat(topic).isEqualTo(Topics.CONFIG);
    }

    @Test
    void announcesAReloadAsAStructuredCloudEventWithThePipelinesPerSignal() throws Exception {
        String billing = "billing-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now();

        events.publish(new PipelinesReloaded(Map.of(Signal.TRACES, List.of(billing), Signal.METRICS, List.of(),
                Signal.LOGS, List.of("all-logs")), Map.of()));

        ConsumerRecord<byte[], byte[]> record = findConfigEvent(billing);
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("pipelines");
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("dev.vigil.pipeline.reloaded");
        assertThat(event.get("source").asText()).isEqualTo("/vigil/ingest-service/pipelines");
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(UUID.fromString(event.get("id").asText())).isNotNull();
        assertThat(Instant.parse(event.get("time").asText())).isBetween(start, Instant.now());
        assertThat(event.get("data")).isEqualTo(JSON.readTree("{\"traces\":[\"" + billing + "\"],\"metrics\":[],"
                + "\"logs\":[\"all-logs\"]}"));
    }

    private static ConsumerRecord<byte[], byte[]> findConfigEvent(String pipeline) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedDevStack.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "config-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.CONFIG));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (JSON.readTree(record.value()).path("data").path("traces").toString().contains(pipeline)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no pipelines event on " + Topics.CONFIG + " names " + pipeline);
    }
}
