package dev.vigil.health.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.SharedDevStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static dev.vigil.health.platform.StandInService.Readiness.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The platform turns critical while the Kafka broker is away and healthy once it is back, and says so on the bus. */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
class KafkaOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    @Test
    void turnsCriticalWhileKafkaIsDownAndPublishesEachChangeOnceItIsBack() throws Exception {
        StandInServices.ingest.answer(UP);
        StandInServices.query.answer(UP);
        StandInServices.alert.start();
        PlatformApi.awaitReport(r -> "HEALTHY".equals(r.getString("status")), RECOVERY);
        DevStack stack = SharedDevStack.get();
        Map<TopicPartition, Long> from = endOffsets(stack);

        stack.stopKafka();
        JsonPath down;
        try {
            down = PlatformApi.awaitReport(r -> "CRITICAL".equals(r.getString("status")));
        } finally {
            stack.startKafka();
        }
        assertThat(down.getString("kafka.status")).isEqualTo("CRITICAL");
        assertThat(down.getString("kafka.error")).startsWith("unreachable: no answer from the brokers within");
        assertThat(down.getString("kafka.brokers")).isNull();
        assertThat(down.getString("clickhouse.status")).isEqualTo("HEALTHY");
        assertThat(down.getString("postgres.status")).isEqualTo("HEALTHY");
        assertThat(PlatformApi.statuses(down)).containsOnly(
                Map.entry("alert", "UP"), Map.entry("ingest", "UP"), Map.entry("query", "UP"));

        JsonPath back = PlatformApi.awaitReport(r -> "HEALTHY".equals(r.getString("status")), RECOVERY);
        assertThat(back.getInt("kafka.brokers")).isEqualTo(1);

        List<JsonNode> platform = awaitEvents(stack, from, "platform", 2);
        assertThat(platform).extracting(e -> e.path("data").path("previous").asText(),
                e -> e.path("data").path("status").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("HEALTHY", "CRITICAL"),
                        org.assertj.core.groups.Tuple.tuple("CRITICAL", "HEALTHY"));
        JsonNode critical = platform.getFirst();
        assertThat(critical.path("specversion").asText()).isEqualTo("1.0");
        assertThat(critical.path("type").asText()).isEqualTo("dev.vigil.health.status.changed");
        assertThat(critical.path("source").asText()).isEqualTo("/vigil/health-service");
        assertThat(critical.path("data").path("reasons").get(0).asText())
                .startsWith("platform/kafka: unreachable: no answer from the brokers within");
        assertThat(platform.get(1).path("data").path("reasons")).isEmpty();

        List<JsonNode> kafka = awaitEvents(stack, from, "platform/kafka", 2);
        assertThat(kafka).extracting(e -> e.path("data").path("status").asText()).containsExactly("CRITICAL", "HEALTHY");
    }

    /** The end of every partition of the health topic now, creating the topic if nothing was published yet. */
    private static Map<TopicPartition, Long> endOffsets(DevStack stack) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.HEALTH, 3, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
        try (KafkaConsumer<String, String> consumer = consumer(stack)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.HEALTH).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** The events about {@code subject} published since {@code from}, once there are {@code count} of them. */
    private static List<JsonNode> awaitEvents(DevStack stack, Map<TopicPartition, Long> from, String subject,
            int count) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        Instant deadline = Instant.now().plus(RECOVERY);
        try (KafkaConsumer<String, String> consumer = consumer(stack)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (subject.equals(event.path("subject").asText())) {
                        assertThat(record.key()).isEqualTo(subject);
                        assertThat(new String(record.headers().lastHeader("content-type").value(),
                                StandardCharsets.UTF_8)).isEqualTo("application/cloudevents+json; charset=UTF-8");
                        events.add(event);
                    }
                }
                if (events.size() >= count) {
                    // Anything more for this subject would be an extra change; give it a moment to show.
                    consumer.poll(Duration.ofSeconds(2)).forEach(r -> {
                        if (subject.equals(r.key())) {
                            fail("more events about %s than expected: %s", subject, r.value());
                        }
                    });
                    return events;
                }
            }
        }
        return fail("%d events about %s within %s; got %s", count, subject, RECOVERY, events);
    }

    private static KafkaConsumer<String, String> consumer(DevStack stack) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }
}
