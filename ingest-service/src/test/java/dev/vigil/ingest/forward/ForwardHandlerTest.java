package dev.vigil.ingest.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.vigil.contracts.ConsumerGroups;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Signal;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.ingest.consume.Backoff;
import dev.vigil.ingest.consume.ConsumerLoop;
import dev.vigil.ingest.consume.DeadLetterPublisher;
import dev.vigil.ingest.pipeline.ForwardOutput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forwarding on its consumer loop, against the real Kafka broker and a local HTTP server standing in for an external OTLP endpoint. */
class ForwardHandlerTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Map<String, Object> kafka;
    private KafkaProducer<byte[], byte[]> producer;
    private DeadLetterPublisher deadLetters;
    private ConsumerLoop<ForwardHandler.Request> forwarder;

    @BeforeEach
    void connect() {
        kafka = Map.of("bootstrap.servers", SharedDevStack.get().kafkaBootstrapServers());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        deadLetters = new DeadLetterPublisher(kafka);
    }

    @AfterEach
    void close() throws Exception {
        if (forwarder != null) {
            forwarder.stop(Duration.ofSeconds(20));
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
        deadLetters.close();
        producer.close();
    }

    private static ForwardConfig config() {
        return new ForwardConfig() {
            public boolean enabled() {
                return true;
            }

            public Duration initialBackoff() {
                return Duration.ofMillis(100);
            }

            public Duration maxBackoff() {
                return Duration.ofMillis(400);
            }

            public Duration maxRetryAfter() {
                return Duration.ofSeconds(5);
            }

            public int maxPollRecords() {
                return 50;
            }
        };
    }

    private OtlpEndpointStub stub() throws Exception {
        OtlpEndpointStub stub = OtlpEndpointStub.start();
        closing.add(stub);
        return stub;
    }

    private ForwardOutput output(String name, String endpoint) {
        return new ForwardOutput(name, URI.create(endpoint), Map.of("api-key", "k-" + name), Duration.ofSeconds(2));
    }

    private void startForwarding(ForwardOutput output) {
        String group = ConsumerGroups.FORWARD_PREFIX + output.name();
        forwarder = new ConsumerLoop<>(ForwardStage.settings(config(), group, group), kafka,
                new ForwardHandler(output, config(), new ForwardMetrics(registry)), deadLetters,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)), registry);
        forwarder.start();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ExportTraceServiceRequest traces(String service, int spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < spans; i++) {
            scope.addSpans(Span.newBuilder().setName(service + "-" + i)
                    .setTraceId(ByteString.copyFrom(new byte[16])).setSpanId(ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) (i + 1)})));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeSpans(scope)).build();
    }

    private RecordMetadata publish(Signal signal, byte[] key, byte[] value, String pipeline, String forward) throws Exception {
        List<Header> headers = new ArrayList<>();
        headers.add(new RecordHeader(Headers.PIPELINE, pipeline.getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(Headers.STORE, "false".getBytes(StandardCharsets.UTF_8)));
        if (forward != null) {
            headers.add(new RecordHeader(Headers.FORWARD, forward.getBytes(StandardCharsets.UTF_8)));
        }
        return producer.send(new ProducerRecord<>(signal.topic(), null, key, value, headers)).get(10, TimeUnit.SECONDS);
    }

    private double items(Signal signal, String pipeline, String outcome) {
        Counter counter = registry.find("vigil.pipeline.items").tag("signal", signal.id()).tag("pipeline", pipeline)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private OffsetAndMetadata committed(String output, RecordMetadata at) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers")))) {
            return admin.listConsumerGroupOffsets(ConsumerGroups.FORWARD_PREFIX + output).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(new TopicPartition(at.topic(), at.partition()));
        }
    }

    @Test
    void sendsRecordsNamingTheOutputAsOtlpProtobufWithItsHeadersAndSkipsTheRest() throws Exception {
        OtlpEndpointStub endpoint = stub();
        String name = unique("vendor");
        startForwarding(output(name, endpoint.endpoint() + "/otlp/"));
        ExportTraceServiceRequest mine = traces("cart", 2);
        ExportLogsServiceRequest myLogs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
                        .setBody(AnyValue.newBuilder().setStringValue("hello"))))).build();

        publish(Signal.TRACES, null, traces("other", 1).toByteArray(), "p", "someone-else");
        publish(Signal.TRACES, null, traces("stored-only", 1).toByteArray(), "p", null);
        RecordMetadata last = publish(Signal.TRACES, null, mine.toByteArray(), "shop", "archive," + name);
        publish(Signal.LOGS, null, myLogs.toByteArray(), "access", name);

        await().atMost(WITHIN).until(() -> endpoint.received().size() >= 2);
        List<OtlpEndpointStub.Received> received = endpoint.received();
        assertThat(received).extracting(OtlpEndpointStub.Received::path)
                .containsExactlyInAnyOrder("/otlp/v1/traces", "/otlp/v1/logs");
        OtlpEndpointStub.Received trace = received.stream().filter(r -> r.path().endsWith("traces")).findFirst().orElseThrow();
        assertThat(trace.method()).isEqualTo("POST");
        assertThat(trace.header("content-type")).isEqualTo("application/x-protobuf");
        assertThat(trace.header("api-key")).isEqualTo("k-" + name);
        assertThat(ExportTraceServiceRequest.parseFrom(trace.body())).isEqualTo(mine);
        OtlpEndpointStub.Received log = received.stream().filter(r -> r.path().endsWith("logs")).findFirst().orElseThrow();
        assertThat(ExportLogsServiceRequest.parseFrom(log.body())).isEqualTo(myLogs);

        await().atMost(WITHIN).untilAsserted(() -> assertThat(committed(name, last).offset()).isEqualTo(last.offset() + 1));
        assertThat(items(Signal.TRACES, "shop", "forwarded")).isEqualTo(2);
        assertThat(items(Signal.LOGS, "access", "forwarded")).isEqualTo(1);
        assertThat(endpoint.received()).hasSize(2);
    }

    @Test
    void honoursRetryAfterOn503AndDeliversTheRecordExactlyOnce() throws Exception {
        OtlpEndpointStub endpoint = stub();
        endpoint.answerNext(new OtlpEndpointStub.Answer(503, Map.of("Retry-After", "1"), new byte[0]));
        String name = unique("busy");
        startForwarding(output(name, endpoint.endpoint()));
        ExportTraceServiceRequest request = traces("checkout", 3);

        RecordMetadata at = publish(Signal.TRACES, null, request.toByteArray(), "busy-pipeline", name);

        await().atMost(WITHIN).until(() -> endpoint.received().size() == 2);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(committed(name, at).offset()).isEqualTo(at.offset() + 1));
        Thread.sleep(1_500);
        List<OtlpEndpointStub.Received> received = endpoint.received();
        assertThat(received).extracting(OtlpEndpointStub.Received::status).containsExactly(503, 200);
        assertThat(received.get(1).atNanos() - received.get(0).atNanos()).isGreaterThanOrEqualTo(950_000_000L);
        assertThat(ExportTraceServiceRequest.parseFrom(received.get(1).body())).isEqualTo(request);
        assertThat(items(Signal.TRACES, "busy-pipeline", "forwarded")).isEqualTo(3);
        assertThat(items(Signal.TRACES, "busy-pipeline", "failed")).isZero();
        assertThat(registry.get("vigil.forward.requests").tag("output", name).tag("result", "retried").counter().count())
                .isEqualTo(1);
    }

    @Test
    void deadLettersARecordRefusedWith400CountsItFailedAndGoesOn() throws Exception {
        OtlpEndpointStub endpoint = stub();
        byte[] status = {0x08, 0x03, 0x12, 0x08, 'b', 'a', 'd', ' ', 's', 'p', 'a', 'n'};
        endpoint.answerNext(new OtlpEndpointStub.Answer(400, Map.of(), status));
        String name = unique("strict");
        startForwarding(output(name, endpoint.endpoint()));
        byte[] key = unique("key").getBytes(StandardCharsets.UTF_8);
        ExportTraceServiceRequest refused = traces("refused", 2);
        ExportTraceServiceRequest next = traces("next", 1);

        publish(Signal.TRACES, key, refused.toByteArray(), "strict-pipeline", name);
        // The same key: one partition, so the refused record is sent first.
        RecordMetadata after = publish(Signal.TRACES, key, next.toByteArray(), "strict-pipeline", name);

        await().atMost(WITHIN).until(() -> endpoint.received().size() == 2);
        assertThat(endpoint.received()).extracting(OtlpEndpointStub.Received::status).containsExactly(400, 200);
        assertThat(ExportTraceServiceRequest.parseFrom(endpoint.received().get(1).body())).isEqualTo(next);
        ConsumerRecord<byte[], byte[]> dead = findDeadLetter(key);
        assertThat(dead.value()).isEqualTo(refused.toByteArray());
        assertThat(header(dead, Headers.DEADLETTER_REASON)).isEqualTo("forward to " + name + ": HTTP 400 from "
                + endpoint.endpoint() + "/v1/traces: bad span");
        assertThat(header(dead, Headers.DEADLETTER_SOURCE_TOPIC)).isEqualTo(Topics.OTLP_TRACES);
        assertThat(header(dead, Headers.PIPELINE)).isEqualTo("strict-pipeline");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(committed(name, after).offset()).isEqualTo(after.offset() + 1));
        assertThat(items(Signal.TRACES, "strict-pipeline", "failed")).isEqualTo(2);
        assertThat(items(Signal.TRACES, "strict-pipeline", "forwarded")).isEqualTo(1);
    }

    @Test
    void keepsRecordsUncommittedWhileTheEndpointIsDownAndDeliversThemInOrderOnceUp() throws Exception {
        OtlpEndpointStub gone = OtlpEndpointStub.start();
        int port = gone.port();
        gone.close();
        String name = unique("down");
        startForwarding(output(name, "http://127.0.0.1:" + port));
        ExportTraceServiceRequest first = traces("first", 1);
        ExportTraceServiceRequest second = traces("second", 1);
        // One key: both on one partition, so their order is defined.
        byte[] key = unique("order").getBytes(StandardCharsets.UTF_8);

        RecordMetadata a = publish(Signal.TRACES, key, first.toByteArray(), "down-pipeline", name);
        RecordMetadata b = publish(Signal.TRACES, key, second.toByteArray(), "down-pipeline", name);
        await().atMost(WITHIN).until(() -> registry.find("vigil.forward.requests").tag("output", name)
                .tag("result", "retried").counter() != null
                && registry.get("vigil.forward.requests").tag("output", name).tag("result", "retried").counter().count() >= 3);
        // Records of other outputs before them may be committed as skipped; neither of these two is.
        OffsetAndMetadata pending = committed(name, a);
        assertThat(pending == null ? -1 : pending.offset()).as("committed offset").isLessThanOrEqualTo(a.offset());
        assertThat(items(Signal.TRACES, "down-pipeline", "forwarded")).isZero();

        OtlpEndpointStub endpoint = OtlpEndpointStub.startOn(port);
        closing.add(endpoint);

        await().atMost(WITHIN).until(() -> endpoint.received().size() == 2);
        assertThat(endpoint.received()).extracting(r -> parseSpanName(r.body())).containsExactly("first-0", "second-0");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(committed(name, b).offset()).isEqualTo(b.offset() + 1));
        assertThat(items(Signal.TRACES, "down-pipeline", "forwarded")).isEqualTo(2);
    }

    private static String parseSpanName(byte[] body) throws Exception {
        return ExportTraceServiceRequest.parseFrom(body).getResourceSpans(0).getScopeSpans(0).getSpans(0).getName();
    }

    private ConsumerRecord<byte[], byte[]> findDeadLetter(byte[] key) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"),
                ConsumerConfig.GROUP_ID_CONFIG, unique("deadletter-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.DEADLETTER));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && java.util.Arrays.equals(record.key(), key)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with key " + new String(key, StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
