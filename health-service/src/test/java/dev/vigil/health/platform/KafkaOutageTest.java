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
        // The report turns HEALTHY before the event saying so is in Kafka: count from after that event, or an
        // earlier change (the service starting CRITICAL, an earlier class's outage) would be taken for this one.
        Map<TopicPartition, Long> from = endOffsetsOnceLatestPlatformEventIs(stack, "HEALTHY");

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

    /**
     * The end of every partition of the health topic, once the latest event about the platform says {@code status}
     * (the service publishes one for its first report too).
     */
    private static Map<TopicPartition, Long> endOffsetsOnceLatestPlatformEventIs(DevStack stack, String status)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(RECOVERY);
        while (true) {
            Map<TopicPartition, Long> end = endOffsets(stack);
            String latest = latestStatus(stack, end, "platform");
            if (status.equals(latest)) {
                return end;
            }
            if (Instant.now().isAfter(deadline)) {
                return fail("the latest platform event says %s, not %s, after %s", latest, status, RECOVERY);
            }
            Thread.sleep(500);
        }
    }

    /** The status the latest event about {@code subject} before {@code end} says, or null when there is none. */
    private static String latestStatus(DevStack stack, Map<TopicPartition, Long> end, String subject) {
        String latest = null;
        Instant latestTime = Instant.MIN;
        try (KafkaConsumer<String, String> consumer = consumer(stack)) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (subject.equals(record.key()) && record.offset() < end.get(
                            new TopicPartition(record.topic(), record.partition()))) {
                        Instant time = Instant.ofEpochMilli(record.timestamp());
                        if (!time.isBefore(latestTime)) {
                            latestTime = time;
                            latest = readStatus(record.value());
                        }
                    }
                }
            }
        }
        return latest;
    }

    private static String readStatus(String event) {
        try {
            return JSON.readTree(event).path("data").path("status").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
