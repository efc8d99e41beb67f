package dev.vigil.ingest.persist;

import static dev.vigil.ingest.persist.StoredRows.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import com.google.protobuf.ByteString;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.ingest.clickhouse.EncodedRows;
import dev.vigil.ingest.clickhouse.TraceTableWriter;
import dev.vigil.ingest.consume.CommitMetadata;
import dev.vigil.ingest.consume.ConsumerLoop;
import dev.vigil.ingest.consume.ConsumerLoops;
import dev.vigil.ingest.consume.DedupToken;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
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

    @Inject
    TraceStore traceStore;

    @Inject
    PersistStage stage;

    @Inject
    ConsumerLoops loops;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aReplayedBatchStoresNothingTwice() throws Exception {
        String traceId = randomTraceId();
        // Two records' rows in one insert, as a batch of two records makes it.
        List<EncodedRows> batch = List.of(SpanEncoder.encode(replayed(traceId, 0, 20).toByteArray()),
                SpanEncoder.encode(replayed(traceId, 20, 30).toByteArray()));
        String token = DedupToken.of(Topics.OTLP_TRACES, 2, 1_000, 1_049);

        writer.insert(batch, token);
        writer.insert(batch, token);

        assertThat(count(traceId)).isEqualTo(50);

        // The same rows cut at other offsets are another batch: the token, not the content, decides.
        writer.insert(batch, DedupToken.of(Topics.OTLP_TRACES, 2, 1_000, 1_050));
        assertThat(count(traceId)).isEqualTo(100);
    }

    @Test
    void storesATraceOverMoreDailyPartitionsThanOneInsertMayTouchCompletelyAndOnce() throws Exception {
        String traceId = randomTraceId();
        // One span a day from yesterday to 100 days ahead: 102 daily partitions, more than ClickHouse's
        // max_partitions_per_insert_block (100) lets one insert write. Ahead rather than back, because rows older
        // than the traces' retention (7 days here) are ClickHouse's to drop as soon as it merges their part.
        int days = 102;
        long now = System.currentTimeMillis() * 1_000_000L;
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int d = 0; d < days; d++) {
            long start = now + (d - 1) * 86_400_000_000_000L;
            scope.addSpans(Span.newBuilder().setTraceId(ByteString.fromHex(traceId))
                    .setSpanId(ByteString.fromHex(String.format("%016x", d + 1))).setName("day-" + d)
                    .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 1_000));
        }
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans
                .newBuilder().setResource(Resource.newBuilder().addAttributes(kv("service.name", str("long-trace"))))
                .addScopeSpans(scope)).build();
        String topic = "test.days.traces." + traceId;
        String group = "test-days-" + traceId;
        TestBus bus = new TestBus(bootstrapServers);
        bus.publish(topic, 0, traceId, List.of(request.toByteArray()), TestBus.headers("default", true));

        runUntilCommitted(topic, group, 1);
        assertThat(count(traceId)).isEqualTo(days);
        assertThat(clickHouse.queryAll("SELECT uniqExact(toDate(Timestamp)) AS d, uniqExact(SpanId) AS s"
                + " FROM vigil.otel_traces WHERE TraceId = '" + traceId + "'").getFirst()).satisfies(r -> {
                    assertThat(r.getLong("d")).isEqualTo(days);
                    assertThat(r.getLong("s")).isEqualTo(days);
                });

        // As after a crash between the inserts and the commit: each window keeps its token and stores nothing twice.
        resetOffset(topic, group, new OffsetAndMetadata(0, CommitMetadata.pending(0)));
        runUntilCommitted(topic, group, 1);
        assertThat(count(traceId)).isEqualTo(days);
    }

    @Test
    void storesEveryColumnOfAnEncodedSpanInItsOwnColumn() throws Exception {
        String traceId = randomTraceId();
        long start = (Instant.now().getEpochSecond() - 60) * 1_000_000_000L + 123_456_789L;
        Span span = Span.newBuilder()
                .setTraceId(ByteString.fromHex(traceId)).setSpanId(ByteString.fromHex("b7ad6b7169203331"))
                .setParentSpanId(ByteString.fromHex("00f067aa0ba902b7"))
                .setTraceState("vendor=ü")
                .setName("Grüße /orders")
                .setKind(Span.SpanKind.SPAN_KIND_CONSUMER)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + 1_500)
                .addAttributes(kv("ключ", str("värde 𝄞")))
                .addAttributes(kv("attempt", AnyValue.newBuilder().setIntValue(3).build()))
                .addAttributes(kv("ключ", str("second")))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("échec"))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(start + 100).setName("exception")
                        .addAttributes(kv("exception.type", str("IOException"))).addAttributes(kv("n", str("1"))))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(start + 200).setName("événement"))
                .addLinks(Span.Link.newBuilder().setTraceId(ByteString.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"))
                        .setSpanId(ByteString.fromHex("00f067aa0ba902b8")).setTraceState("k=v")
                        .addAttributes(kv("link.kind", str("follows"))))
                .build();
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("columns-test")))
                                .addAttributes(kv("host.name", str("node-1"))))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("bibliothèque").setVersion("2.1.0"))
                                .addSpans(span)))
                .build();

        writer.insert(List.of(SpanEncoder.encode(request.toByteArray())), "columns-" + traceId);

        List<String> columns = List.of("Ts", "TraceId", "SpanId", "ParentSpanId", "TraceState", "SpanName", "SpanKind",
                "ServiceName", "ResourceAttributes", "ScopeName", "ScopeVersion", "SpanAttributes", "Duration",
                "StatusCode", "StatusMessage", "EventTimes", "EventNames", "EventAttributes", "LinkTraceIds",
                "LinkSpanIds", "LinkTraceStates", "LinkAttributes");
        Map<String, String> row = new StoredRows(clickHouse).one("SELECT toString(toUnixTimestamp64Nano(Timestamp)) AS Ts,"
                + " TraceId, SpanId, ParentSpanId, TraceState, SpanName, SpanKind, ServiceName, "
                + items("ResourceAttributes") + ", ScopeName, ScopeVersion, " + items("SpanAttributes") + ","
                + " toString(Duration) AS Duration, StatusCode, StatusMessage,"
                + " arrayStringConcat(arrayMap(t -> toString(toUnixTimestamp64Nano(t)), `Events.Timestamp`), '|') AS EventTimes,"
                + " arrayStringConcat(`Events.Name`, '|') AS EventNames, " + nestedMaps("Events.Attributes", "EventAttributes")
                + ", arrayStringConcat(`Links.TraceId`, '|') AS LinkTraceIds,"
                + " arrayStringConcat(`Links.SpanId`, '|') AS LinkSpanIds,"
                + " arrayStringConcat(`Links.TraceState`, '|') AS LinkTraceStates, "
                + nestedMaps("Links.Attributes", "LinkAttributes")
                + " FROM vigil.otel_traces WHERE TraceId = '" + traceId + "'", columns);

        assertThat(row).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("Ts", Long.toString(start)),
                Map.entry("TraceId", traceId),
                Map.entry("SpanId", "b7ad6b7169203331"),
                Map.entry("ParentSpanId", "00f067aa0ba902b7"),
                Map.entry("TraceState", "vendor=ü"),
                Map.entry("SpanName", "Grüße /orders"),
                Map.entry("SpanKind", "Consumer"),
                Map.entry("ServiceName", "columns-test"),
                Map.entry("ResourceAttributes", "host.name=node-1, service.name=columns-test"),
                Map.entry("ScopeName", "bibliothèque"),
                Map.entry("ScopeVersion", "2.1.0"),
                Map.entry("SpanAttributes", "attempt=3, ключ=värde 𝄞"),
                Map.entry("Duration", "1500"),
                Map.entry("StatusCode", "Error"),
                Map.entry("StatusMessage", "échec"),
                Map.entry("EventTimes", (start + 100) + "|" + (start + 200)),
                Map.entry("EventNames", "exception|événement"),
                Map.entry("EventAttributes", "exception.type=IOException, n=1|"),
                Map.entry("LinkTraceIds", "4bf92f3577b34da6a3ce929d0e0e4736"),
                Map.entry("LinkSpanIds", "00f067aa0ba902b8"),
                Map.entry("LinkTraceStates", "k=v"),
                Map.entry("LinkAttributes", "link.kind=follows")));
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

    /** Runs a consumer loop of its own on the topic until the group committed {@code end}, then stops it. */
    private void runUntilCommitted(String topic, String group, long end) throws InterruptedException {
        ConsumerLoop<?> loop = stage.start(traceStore, group, topic, group);
        try {
            // Generous: finding a refused record takes several inserts, and a loaded machine makes each slow.
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(committed(topic, group)).isEqualTo(end));
        } finally {
            loops.stop(loop, Duration.ofSeconds(30));
        }
    }

    private long committed(String topic, String group) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = groupConsumer(group)) {
            OffsetAndMetadata offset = consumer.committed(Set.of(tp)).get(tp);
            return offset == null ? -1 : offset.offset();
        }
    }

    private void resetOffset(String topic, String group, OffsetAndMetadata offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = groupConsumer(group)) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), offset));
        }
    }

    private KafkaConsumer<byte[], byte[]> groupConsumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private long count(String traceId) {
        return clickHouse.queryAll("SELECT count() AS c FROM vigil.otel_traces WHERE TraceId = '" + traceId + "'")
                .getFirst().getLong("c");
    }

    /** {@code count} spans of one trace, numbered from {@code first}. */
    private static ExportTraceServiceRequest replayed(String traceId, int first, int count) {
        long now = System.currentTimeMillis() * 1_000_000L;
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = first; i < first + count; i++) {
            scope.addSpans(Span.newBuilder().setTraceId(ByteString.fromHex(traceId))
                    .setSpanId(ByteString.fromHex(String.format("%016x", i + 1))).setName("replayed")
                    .setKind(Span.SpanKind.SPAN_KIND_INTERNAL).setStartTimeUnixNano(now + i)
                    .setEndTimeUnixNano(now + i + 1_000).addAttributes(kv("i", str(Integer.toString(i)))));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("replay-test"))))
                .addScopeSpans(scope)).build();
    }

    /** A Nested column's maps, each as its sorted {@code key=value} pairs, separated by {@code |}. */
    private static String nestedMaps(String column, String alias) {
        return "arrayStringConcat(arrayMap(m -> arrayStringConcat(arraySort(arrayMap((k, v) -> concat(k, '=', v),"
                + " mapKeys(m), mapValues(m))), ', '), `" + column + "`), '|') AS " + alias;
    }

    private static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
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
