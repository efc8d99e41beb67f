package dev.vigil.health.stream;

import dev.vigil.devstack.testing.TestCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Topics;
import dev.vigil.demo.cluster.PodSpec;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.health.cluster.IngestStack;
import dev.vigil.health.cluster.SimulatedTraffic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real HTTP client on {@code /api/v1/stream} gets the current picture, then an update once new metrics of the
 * simulated cluster arrived through the packaged ingest-service; the same change goes out on {@code vigil.health}.
 */
@QuarkusTest
@QuarkusTestResource(IngestStack.class)
class StreamResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    /** One server-sent event as received. */
    private record Received(String name, JsonNode data) {
    }

    @Test
    void pushesTheCreepingPodGoingCriticalOnceItsNewMetricsArrive() throws Exception {
        SimulatedTraffic.Sent before = SimulatedTraffic.latest();
        assertThat(before.tick()).as("the ticks this test starts from").isEqualTo(3);
        PodSpec creeping = SimulatedTraffic.PLAN.creepingPod();
        long memoryBefore = before.readings().pod("shop", creeping.name()).memoryWorkingSet();

        HttpClient http = HttpClient.newHttpClient();
        BlockingQueue<Received> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream").header("Authorization", TestCredentials.adminAuthorization()).GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = Thread.ofVirtual().start(() -> read(response.body(), events));
        try {
            Received current = awaitEvent(events, "cluster",
                    c -> memory(c, creeping) == memoryBefore);
            assertThat(status(current.data(), creeping)).isEqualTo("WARNING");
            awaitEvent(events, "platform", p -> p.has("kafka"));

            Map<TopicPartition, Long> from = healthTopicEnd();
            SimulatedTraffic.Sent sent = SimulatedTraffic.sendNow(5);
            long memoryAfter = sent.readings().pod("shop", creeping.name()).memoryWorkingSet();

            Received update = awaitEvent(events, "cluster", c -> memory(c, creeping) == memoryAfter);
            assertThat(memoryAfter).isEqualTo(Math.ceilDiv(creeping.memoryLimit() * 90, 100));
            JsonNode pod = pod(update.data(), creeping);
            assertThat(pod.path("status").asText()).isEqualTo("CRITICAL");
            assertThat(pod.path("reasons").get(0).asText()).isEqualTo("memory at 90.0 % of its limit");
            assertThat(pod.path("memory").path("utilization").asDouble())
                    .isEqualTo((double) memoryAfter / creeping.memoryLimit());
            assertThat(pod.path("history")).isEmpty();
            assertThat(update.data().path("report").path("status").asText()).isEqualTo("CRITICAL");
            assertThat(update.data().path("pods")).hasSize(25);

            JsonNode event = awaitHealthEvent(from, "cluster/pods/shop/" + creeping.name());
            assertThat(event.path("data").path("previous").asText()).isEqualTo("WARNING");
            assertThat(event.path("data").path("status").asText()).isEqualTo("CRITICAL");
            assertThat(event.path("data").path("reasons").get(0).asText()).isEqualTo("memory at 90.0 % of its limit");
        } finally {
            response.body().close();
            reader.join(Duration.ofSeconds(5));
            http.close();
        }
    }

    private static void read(Stream<String> lines, BlockingQueue<Received> events) {
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Received(name, JSON.readTree(data.toString())));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // The test closed the stream.
        }
    }

    private static Received awaitEvent(BlockingQueue<Received> events, String name, Predicate<JsonNode> expected)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        List<String> seen = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            Received event = events.poll(500, TimeUnit.MILLISECONDS);
            if (event == null) {
                continue;
            }
            seen.add(event.name());
            if (event.name().equals(name) && expected.test(event.data())) {
                return event;
            }
        }
        return fail("no matching %s event within %s; saw %s", name, PATIENCE, seen);
    }

    private static JsonNode pod(JsonNode cluster, PodSpec spec) {
        for (JsonNode pod : cluster.path("pods")) {
            if (pod.path("name").asText().equals(spec.name())) {
                return pod;
            }
        }
        return JSON.missingNode();
    }

    private static long memory(JsonNode cluster, PodSpec spec) {
        return pod(cluster, spec).path("memory").path("used").asLong(-1);
    }

    private static String status(JsonNode cluster, PodSpec spec) {
        return pod(cluster, spec).path("status").asText();
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedDevStack.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }

    private static Map<TopicPartition, Long> healthTopicEnd() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            // The health-service has published the creeping pod's warning by now, so the topic exists.
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.HEALTH).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    private static JsonNode awaitHealthEvent(Map<TopicPartition, Long> from, String subject) throws IOException {
        Instant deadline = Instant.now().plus(PATIENCE);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (subject.equals(record.key())) {
                        return JSON.readTree(record.value());
                    }
                }
            }
        }
        return fail("no event about %s on %s within %s", subject, Topics.HEALTH, PATIENCE);
    }
}
