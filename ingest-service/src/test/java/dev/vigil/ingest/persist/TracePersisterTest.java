package dev.vigil.ingest.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import com.google.protobuf.ByteString;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.ingest.clickhouse.SpanRow;
import dev.vigil.ingest.clickhouse.TraceTableWriter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class TracePersisterTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    Client clickHouse;

    @Inject
    TraceTableWriter writer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aReplayedBatchStoresNothingTwice() throws InterruptedException {
        String traceId = randomTraceId();
        List<SpanRow> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(row(traceId, i));
        }
        String token = DedupToken.of(Topics.OTLP_TRACES, 2, 1_000, 1_049);

        writer.insert(batch, token);
        writer.insert(batch, token);

        assertThat(count(traceId)).isEqualTo(50);

        // The same rows cut at other offsets are another batch: the token, not the content, decides.
        writer.insert(batch, DedupToken.of(Topics.OTLP_TRACES, 2, 1_000, 1_050));
        assertThat(count(traceId)).isEqualTo(100);
    }

    @Test
    void sendsAnUndecodableRecordToTheDeadLetterTopicAndStoresWhatFollows() {
        String badKey = "garbage-" + UUID.randomUUID();
        String traceId = randomTraceId();
        ExportTraceServiceRequest good = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(
                        Span.newBuilder().setTraceId(ByteString.fromHex(traceId))
                                .setSpanId(ByteString.fromHex("0102030405060708")).setName("after-garbage")
                                .setStartTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
                                .setEndTimeUnixNano(System.currentTimeMillis() * 1_000_000L + 1_000))))
                .build();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // Same key, so both land on one partition in this order.
            byte[] key = badKey.getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(Topics.OTLP_TRACES, key, new byte[] {0x0A, 100, 1, 2}));
            producer.send(new ProducerRecord<>(Topics.OTLP_TRACES, key, good.toByteArray()));
            producer.flush();
        }

        await().atMost(WITHIN).untilAsserted(() -> assertThat(count(traceId)).isEqualTo(1));
        ConsumerRecord<byte[], byte[]> deadLetter = findDeadLetter(badKey);
        assertThat(deadLetter.value()).containsExactly(0x0A, 100, 1, 2);
        assertThat(header(deadLetter, Headers.DEADLETTER_REASON))
                .startsWith("not an OTLP ExportTraceServiceRequest");
        assertThat(header(deadLetter, Headers.DEADLETTER_SOURCE_TOPIC)).isEqualTo(Topics.OTLP_TRACES);
    }

    private long count(String traceId) {
        return clickHouse.queryAll("SELECT count() AS c FROM vigil.otel_traces WHERE TraceId = '" + traceId + "'")
                .getFirst().getLong("c");
    }

    private static SpanRow row(String traceId, int i) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return new SpanRow(now + i, traceId, String.format("%016x", i + 1), "", "", "replayed",
                "Internal", "replay-test", Map.of("service.name", "replay-test"), "", "", Map.of("i", Integer.toString(i)),
                1_000, "Unset", "", List.of(), List.of());
    }

    private static String randomTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;
        return HexFormat.of().formatHex(id);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private ConsumerRecord<byte[], byte[]> findDeadLetter(String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + key);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEADLETTER));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with key " + key + " within " + WITHIN);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        assertThat(record.headers().lastHeader(name)).as(name).isNotNull();
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
