package dev.vigil.ingest.persist;

import static dev.vigil.ingest.persist.StoredRows.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import com.google.protobuf.ByteString;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.ingest.consume.CommitMetadata;
import dev.vigil.ingest.consume.ConsumerLoop;
import dev.vigil.ingest.consume.ConsumerLoops;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logs from Kafka into otel_logs and vigil_access_logs, read back field by field. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class LogPersisterTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    /** A minute ago, with nanoseconds to see they are kept: rows older than the retention would be dropped at once. */
    private static final long T0 = (Instant.now().getEpochSecond() - 60) * 1_000_000_000L + 123_456_789L;
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Inject
    Client clickHouse;

    @Inject
    MeterRegistry registry;

    @Inject
    LogStore logStore;

    @Inject
    PersistStage stage;

    @Inject
    ConsumerLoops loops;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    TestBus bus;
    StoredRows stored;
    String run;

    @BeforeEach
    void setUp() {
        bus = new TestBus(bootstrapServers);
        stored = new StoredRows(clickHouse);
        run = UUID.randomUUID().toString();
    }

    @Test
    void storesEveryFieldOfALogRecordAsTheExporterDoes() throws IOException {
        ExportLogsServiceRequest request = withProtobufOnlyValues(logs(run, logger -> {
            logger.logRecordBuilder()
                    .setTimestamp(Instant.ofEpochSecond(0, T0))
                    .setObservedTimestamp(Instant.ofEpochSecond(0, T0 + 5_000))
                    .setContext(Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID,
                            TraceFlags.getSampled(), TraceState.getDefault()))))
                    .setSeverity(Severity.WARN2)
                    .setSeverityText("WARN")
                    .setEventName("checkout.declined")
                    .setBody("payment declined: <card> & \"limit\"")
                    .setAttribute(AttributeKey.stringKey("case"), "full")
                    .setAttribute(AttributeKey.booleanKey("retry"), true)
                    .setAttribute(AttributeKey.longKey("attempt"), 3L)
                    .setAttribute(AttributeKey.doubleKey("amount"), 12.5)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("eu", "card"))
                    .setAttribute(AttributeKey.longArrayKey("codes"), List.of(51L, 5L))
                    .setAttribute(AttributeKey.doubleArrayKey("ratios"), List.of(0.5, 1e-7))
                    .setAttribute(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
                    .emit();
            // No time of its own: the exporter stores when it was observed.
            logger.logRecordBuilder().setObservedTimestamp(Instant.ofEpochSecond(0, T0 + 9_000))
                    .setAttribute(AttributeKey.stringKey("case"), "observed-only").setBody("late").emit();
        }));
        bus.publish(Topics.OTLP_LOGS, run, List.of(request.toByteArray()), TestBus.headers("default", true));

        await().atMost(TestBus.WITHIN).untilAsserted(() -> assertThat(count("otel_logs")).isEqualTo(2));
        List<String> columns = List.of("Timestamp", "TimestampTime", "TraceId", "SpanId", "TraceFlags", "SeverityText",
                "SeverityNumber", "ServiceName", "Body", "ResourceSchemaUrl", "ResourceAttributes", "ScopeSchemaUrl",
                "ScopeName", "ScopeVersion", "ScopeAttributes", "LogAttributes", "EventName", "Namespace");
        Map<String, String> full = stored.one("SELECT toString(Timestamp, 'UTC') AS Timestamp,"
                + " toString(TimestampTime, 'UTC') AS TimestampTime, TraceId, SpanId, toString(TraceFlags) AS TraceFlags,"
                + " SeverityText, toString(SeverityNumber) AS SeverityNumber, ServiceName, Body, ResourceSchemaUrl, "
                + items("ResourceAttributes") + ", ScopeSchemaUrl, ScopeName, ScopeVersion, " + items("ScopeAttributes")
                + ", " + items("LogAttributes") + ", EventName,"
                + " `__otel_materialized_k8s.namespace.name` AS Namespace"
                + " FROM vigil.otel_logs WHERE ResourceAttributes['test.run'] = '" + run + "' AND LogAttributes['case'] = 'full'",
                columns);
        assertThat(full).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("Timestamp", at(T0)),
                Map.entry("TimestampTime", SECONDS.format(Instant.ofEpochSecond(0, T0))),
                Map.entry("TraceId", TRACE_ID),
                Map.entry("SpanId", SPAN_ID),
                Map.entry("TraceFlags", "1"),
                Map.entry("SeverityText", "WARN"),
                Map.entry("SeverityNumber", "14"),
                Map.entry("ServiceName", "checkout"),
                Map.entry("Body", "payment declined: <card> & \"limit\""),
                Map.entry("ResourceSchemaUrl", "https://opentelemetry.io/schemas/1.26.0"),
                Map.entry("ResourceAttributes", "k8s.namespace.name=shop, service.name=checkout, test.run=" + run),
                Map.entry("ScopeSchemaUrl", "https://opentelemetry.io/schemas/1.21.0"),
                Map.entry("ScopeName", "com.example.checkout"),
                Map.entry("ScopeVersion", "2.1.0"),
                Map.entry("ScopeAttributes", "team=payments"),
                Map.entry("LogAttributes", "amount=12.5, attempt=3, case=full, codes=[51,5],"
                        + " customer={\"id\":7,\"tier\":\"gold\",\"vip\":true}, flags=[true,false],"
                        + " payload=3q2+7w==, ratios=[0.5,1e-7], retry=true, tags=[\"eu\",\"card\"]"),
                Map.entry("EventName", "checkout.declined"),
                Map.entry("Namespace", "shop")));

        Map<String, String> observed = stored.one("SELECT toString(Timestamp, 'UTC') AS Timestamp, TraceId, SpanId,"
                + " toString(TraceFlags) AS TraceFlags, SeverityText, toString(SeverityNumber) AS SeverityNumber, Body"
                + " FROM vigil.otel_logs WHERE ResourceAttributes['test.run'] = '" + run
                + "' AND LogAttributes['case'] = 'observed-only'",
                List.of("Timestamp", "TraceId", "SpanId", "TraceFlags", "SeverityText", "SeverityNumber", "Body"));
        assertThat(observed).containsExactlyInAnyOrderEntriesOf(Map.of("Timestamp", at(T0 + 9_000),
                "TraceId", "", "SpanId", "", "TraceFlags", "0", "SeverityText", "", "SeverityNumber", "0", "Body", "late"));
    }

    @Test
    void storesABodyOfEveryAnyValueKindAsTheExporterRendersIt() throws IOException {
        Map<String, Value<?>> bodies = Map.of(
                "string", Value.of("plain text"),
                "bool", Value.of(true),
                "int", Value.of(-42L),
                "double", Value.of(3.25),
                "bytes", Value.of(new byte[] {1, 2, 3}),
                "array", Value.of(Value.of("a"), Value.of(1L), Value.of(false)),
                "kvlist", Value.of(KeyValue.of("b", Value.of(2.5)), KeyValue.of("a", Value.of("x<y"))));
        ExportLogsServiceRequest request = logs(run, logger -> {
            bodies.forEach((kind, body) -> logger.logRecordBuilder().setTimestamp(Instant.ofEpochSecond(0, T0))
                    .setAttribute(AttributeKey.stringKey("case"), kind).setBody(body).emit());
            logger.logRecordBuilder().setTimestamp(Instant.ofEpochSecond(0, T0))
                    .setAttribute(AttributeKey.stringKey("case"), "none").emit();
        });
        bus.publish(Topics.OTLP_LOGS, run, List.of(request.toByteArray()), TestBus.headers("default", true));

        await().atMost(TestBus.WITHIN).untilAsserted(() -> assertThat(count("otel_logs")).isEqualTo(8));
        List<Map<String, String>> rows = stored.all("SELECT LogAttributes['case'] AS kind, Body FROM vigil.otel_logs"
                + " WHERE ResourceAttributes['test.run'] = '" + run + "' ORDER BY kind", List.of("kind", "Body"));
        assertThat(rows).extracting(r -> r.get("kind") + " -> " + r.get("Body")).containsExactly(
                "array -> [\"a\",1,false]",
                "bool -> true",
                "bytes -> AQID",
                "double -> 3.25",
                "int -> -42",
                "kvlist -> {\"a\":\"x\\u003cy\",\"b\":2.5}",
                "none -> ",
                "string -> plain text");
    }

    @Test
    void fillsTheAccessLogTableFromIstioAccessLogRecords() throws IOException {
        ExportLogsServiceRequest request = logs(run, logger -> {
            logger.logRecordBuilder().setTimestamp(Instant.ofEpochSecond(0, T0))
                    .setContext(Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID,
                            TraceFlags.getSampled(), TraceState.getDefault()))))
                    .setBody("[2026-03-01T10:15:30.123Z] \"GET /reviews/0 HTTP/1.1\" 503") // fixed date: text in a log body, not its time
                    .setAttribute(AttributeKey.stringKey("run"), run)
                    .setAttribute(AttributeKey.stringKey("source.workload"), "productpage-v1")
                    .setAttribute(AttributeKey.stringKey("source.namespace"), "bookinfo")
                    .setAttribute(AttributeKey.stringKey("destination.workload"), "reviews-v2")
                    .setAttribute(AttributeKey.stringKey("destination.namespace"), "bookinfo")
                    .setAttribute(AttributeKey.stringKey("response_code"), "503")
                    .setAttribute(AttributeKey.stringKey("method"), "GET")
                    .setAttribute(AttributeKey.stringKey("path"), "/reviews/0")
                    .setAttribute(AttributeKey.stringKey("duration"), "12")
                    .emit();
            logger.logRecordBuilder().setTimestamp(Instant.ofEpochSecond(0, T0 + 1_000))
                    .setAttribute(AttributeKey.stringKey("run"), run)
                    .setAttribute(AttributeKey.stringKey("source_workload"), "istio-ingressgateway")
                    .setAttribute(AttributeKey.stringKey("source_workload_namespace"), "istio-system")
                    .setAttribute(AttributeKey.stringKey("destination_workload"), "details-v1")
                    .setAttribute(AttributeKey.stringKey("destination_workload_namespace"), "bookinfo")
                    .setAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
                    .setAttribute(AttributeKey.stringKey("http.request.method"), "POST")
                    .setAttribute(AttributeKey.stringKey("url.path"), "/details/1")
                    .setAttribute(AttributeKey.doubleKey("duration"), 3.5)
                    .setAttribute(AttributeKey.stringKey("method"), "-")
                    .emit();
            // An application's own log record is no access log.
            logger.logRecordBuilder().setTimestamp(Instant.ofEpochSecond(0, T0 + 2_000)).setBody("order placed")
                    .setAttribute(AttributeKey.stringKey("run"), run).setAttribute(AttributeKey.stringKey("response_code"), "200")
                    .setAttribute(AttributeKey.stringKey("order.id"), "o-1").emit();
        });
        bus.publish(Topics.OTLP_LOGS, run, List.of(request.toByteArray()), TestBus.headers("default", true));

        await().atMost(TestBus.WITHIN).untilAsserted(() -> assertThat(count("otel_logs")).isEqualTo(3));
        List<String> columns = List.of("Timestamp", "TraceId", "SpanId", "ServiceName", "SourceWorkload",
                "SourceNamespace", "DestinationWorkload", "DestinationNamespace", "ResponseCode", "Method", "Path",
                "Duration", "Attributes");
        String sql = "SELECT toString(Timestamp, 'UTC') AS Timestamp, TraceId, SpanId,"
                + " ServiceName, SourceWorkload, SourceNamespace, DestinationWorkload, DestinationNamespace,"
                + " toString(ResponseCode) AS ResponseCode, Method, Path, toString(Duration) AS Duration,"
                + " Attributes['duration'] AS Attributes"
                + " FROM vigil.vigil_access_logs WHERE Timestamp >= toDateTime64('" + at(T0) + "', 9, 'UTC')"
                + " AND Timestamp < toDateTime64('" + at(T0 + 1_000_000_000L) + "', 9, 'UTC') AND Attributes['run'] = '" + run + "'"
                + " ORDER BY Timestamp";
        await().atMost(TestBus.WITHIN).untilAsserted(() -> assertThat(stored.all(sql, columns)).containsExactly(
                Map.ofEntries(Map.entry("Timestamp", at(T0)), Map.entry("TraceId", TRACE_ID),
                        Map.entry("SpanId", SPAN_ID), Map.entry("ServiceName", "checkout"),
                        Map.entry("SourceWorkload", "productpage-v1"), Map.entry("SourceNamespace", "bookinfo"),
                        Map.entry("DestinationWorkload", "reviews-v2"), Map.entry("DestinationNamespace", "bookinfo"),
                        Map.entry("ResponseCode", "503"), Map.entry("Method", "GET"), Map.entry("Path", "/reviews/0"),
                        Map.entry("Duration", "12000000"), Map.entry("Attributes", "12")),
                Map.ofEntries(Map.entry("Timestamp", at(T0 + 1_000)), Map.entry("TraceId", ""),
                        Map.entry("SpanId", ""), Map.entry("ServiceName", "checkout"),
                        Map.entry("SourceWorkload", "istio-ingressgateway"), Map.entry("SourceNamespace", "istio-system"),
                        Map.entry("DestinationWorkload", "details-v1"), Map.entry("DestinationNamespace", "bookinfo"),
                        Map.entry("ResponseCode", "200"), Map.entry("Method", "POST"), Map.entry("Path", "/details/1"),
                        Map.entry("Duration", "3500000"), Map.entry("Attributes", "3.5"))));
    }

    @Test
    void aReplayedBatchStoresNothingTwiceInEitherTable() throws Exception {
        String topic = "test.replay.logs." + run;
        String group = "test-replay-" + run;
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            values.add(logs(run, logger -> {
                for (int j = 0; j < 4; j++) {
                    logger.logRecordBuilder().setTimestamp(Instant.ofEpochSecond(0, T0 + n * 10 + j))
                            .setAttribute(AttributeKey.stringKey("run"), run)
                            .setAttribute(AttributeKey.stringKey("response_code"), "200")
                            .setAttribute(AttributeKey.stringKey("method"), "GET")
                            .setBody("request " + n + "." + j).emit();
                }
            }).toByteArray());
        }
        bus.publish(topic, 0, run, values, TestBus.headers("default", true));

        runUntilCommitted(topic, group, 3);
        assertThat(count("otel_logs")).isEqualTo(12);
        assertThat(accessLogCount()).isEqualTo(12);

        // As after a crash between insert and commit: the group's offset back at the batch, marked pending.
        resetOffset(topic, group, new OffsetAndMetadata(0, CommitMetadata.pending(2)));
        runUntilCommitted(topic, group, 3);
        assertThat(count("otel_logs")).isEqualTo(12);
        assertThat(accessLogCount()).isEqualTo(12);
    }

    @Test
    void storesTheRestOfABatchAndDeadLettersOnlyTheRecordWhoseRowClickHouseRefuses() throws Exception {
        String topic = "test.refused.logs." + run;
        String group = "test-refused-" + run;
        int records = 7;
        int refused = 3;
        int infiniteDuration = 5;
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            int n = i;
            values.add(logs(run, logger -> {
                for (int j = 0; j < 2; j++) {
                    // A time past 2106-02-07, which the table's TTL cannot hold: its constraint refuses the row,
                    // and with it the whole insert, before anything of it is written.
                    Instant at = n == refused && j == 1 ? Instant.parse("2200-01-01T00:00:00Z")
                            : Instant.ofEpochSecond(0, T0 + n * 10 + j);
                    // Envoy's duration "inf" is no refusal: the access-log view stores it as 0.
                    String duration = n == infiniteDuration && j == 1 ? "inf" : "0.25";
                    logger.logRecordBuilder().setTimestamp(at)
                            .setAttribute(AttributeKey.stringKey("run"), run)
                            .setAttribute(AttributeKey.stringKey("response_code"), "200")
                            .setAttribute(AttributeKey.stringKey("method"), "GET")
                            .setAttribute(AttributeKey.stringKey("duration"), duration)
                            .setBody("request " + n + "." + j).emit();
                }
            }).toByteArray());
        }
        // All on one partition before the loop starts: its first poll reads them into one batch.
        bus.publish(topic, 0, run, values, TestBus.headers("default", true));

        runUntilCommitted(topic, group, records);

        int good = 2 * (records - 1);
        assertThat(count("otel_logs")).isEqualTo(good);
        assertThat(accessLogCount()).isEqualTo(good);
        assertThat(stored.count("SELECT count() FROM vigil.otel_logs WHERE ResourceAttributes['test.run'] = '" + run
                + "' AND Body LIKE 'request " + refused + ".%'")).isZero();
        assertThat(stored.count("SELECT sum(Duration) FROM vigil.vigil_access_logs WHERE Attributes['run'] = '" + run
                + "'")).isEqualTo((good - 1) * 250_000L);
        assertThat(bus.deadLetters(run, topic)).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isEqualTo(values.get(refused));
            assertThat(TestBus.header(letter, Headers.DEADLETTER_REASON)).startsWith("ClickHouse refused")
                    .contains("otel_logs").contains("VIOLATED_CONSTRAINT");
        });

        // Read again from the start, as after a crash before the commit: the halves keep their tokens.
        resetOffset(topic, group, new OffsetAndMetadata(0, CommitMetadata.pending(records - 1)));
        runUntilCommitted(topic, group, records);
        assertThat(count("otel_logs")).isEqualTo(good);
        assertThat(accessLogCount()).isEqualTo(good);
    }

    @Test
    void sendsAnUndecodableRecordToTheDeadLetterTopicAndStoresWhatFollows() throws IOException {
        String key = "garbage-logs-" + run;
        ExportLogsServiceRequest good = logs(run, logger -> logger.logRecordBuilder()
                .setTimestamp(Instant.ofEpochSecond(0, T0)).setBody("after garbage").emit());
        bus.publish(Topics.OTLP_LOGS, key, List.of(new byte[] {0x0A, 100, 1, 2}, good.toByteArray()),
                TestBus.headers("default", true));

        await().atMost(TestBus.WITHIN).untilAsserted(() -> assertThat(count("otel_logs")).isEqualTo(1));
        ConsumerRecord<byte[], byte[]> deadLetter = bus.deadLetter(key);
        assertThat(deadLetter.value()).containsExactly(0x0A, 100, 1, 2);
        assertThat(TestBus.header(deadLetter, Headers.DEADLETTER_REASON)).startsWith("not an OTLP ExportLogsServiceRequest");
        assertThat(TestBus.header(deadLetter, Headers.DEADLETTER_SOURCE_TOPIC)).isEqualTo(Topics.OTLP_LOGS);
        assertThat(TestBus.header(deadLetter, Headers.PIPELINE)).isEqualTo("default");
    }

    @Test
    void storesNothingOfARecordItsPipelineOnlyForwardsAndCountsStoredItemsPerPipeline() throws IOException {
        String pipeline = "audit-" + run;
        ExportLogsServiceRequest forwarded = logs(run, logger -> logger.logRecordBuilder()
                .setTimestamp(Instant.ofEpochSecond(0, T0)).setAttribute(AttributeKey.stringKey("case"), "forwarded")
                .emit());
        ExportLogsServiceRequest kept = logs(run, logger -> {
            for (int i = 0; i < 3; i++) {
                logger.logRecordBuilder().setTimestamp(Instant.ofEpochSecond(0, T0 + i))
                        .setAttribute(AttributeKey.stringKey("case"), "kept").emit();
            }
        });
        bus.publish(Topics.OTLP_LOGS, run, List.of(forwarded.toByteArray()), TestBus.headers(pipeline, false));
        bus.publish(Topics.OTLP_LOGS, run, List.of(kept.toByteArray()), TestBus.headers(pipeline, true));

        await().atMost(TestBus.WITHIN).untilAsserted(() -> assertThat(count("otel_logs")).isEqualTo(3));
        assertThat(stored.count("SELECT count() FROM vigil.otel_logs WHERE ResourceAttributes['test.run'] = '" + run
                + "' AND LogAttributes['case'] = 'forwarded'")).isZero();
        // Counted once the batch is committed, which follows the insert the rows were seen by.
        await().atMost(TestBus.WITHIN).untilAsserted(() -> assertThat(registry.find("vigil.pipeline.items")
                .tags("signal", "logs", "pipeline", pipeline, "outcome", "stored").counters())
                .singleElement().satisfies(c -> assertThat(c.count()).isEqualTo(3.0)));
    }

    /** Runs a persister of its own on the topic until the group committed {@code end}, then stops it. */
    /** Runs a consumer loop of its own on the topic until the group committed {@code end}, then stops it. */
    private void runUntilCommitted(String topic, String group, long end) throws InterruptedException {
        ConsumerLoop<?> loop = stage.start(logStore, group, topic, group);
        try {
            // Generous: finding a refused record takes several inserts, and a loaded machine makes each slow.
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(committed(topic, group)).isEqualTo(end));
        } finally {
            loops.stop(loop, Duration.ofSeconds(30));
        }
    }

    private long committed(String topic, String group) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            OffsetAndMetadata offset = consumer.committed(java.util.Set.of(new TopicPartition(topic, 0)))
                    .get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        }
    }

    private void resetOffset(String topic, String group, OffsetAndMetadata offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), offset));
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static String at(long epochNanos) {
        return NANOS.format(Instant.ofEpochSecond(0, epochNanos));
    }

    private long count(String table) {
        return stored.count("SELECT count() FROM vigil." + table + " WHERE ResourceAttributes['test.run'] = '" + run + "'");
    }

    private long accessLogCount() {
        return stored.count("SELECT count() FROM vigil.vigil_access_logs WHERE Attributes['run'] = '" + run + "'");
    }

    /**
     * Log records made with the SDK and serialized by its OTLP marshaler, as an application sends
     * them. The resource carries the run id as {@code test.run}.
     */
    static ExportLogsServiceRequest logs(String run, Consumer<Logger> emit) throws IOException {
        List<LogRecordData> captured = new ArrayList<>();
        LogRecordExporter exporter = new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> logs) {
                captured.addAll(logs);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout",
                AttributeKey.stringKey("k8s.namespace.name"), "shop", AttributeKey.stringKey("test.run"), run),
                "https://opentelemetry.io/schemas/1.26.0");
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build()) {
            Logger logger = provider.loggerBuilder("com.example.checkout").setInstrumentationVersion("2.1.0")
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0").build();
            emit.accept(logger);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogsRequestMarshaler.create(captured).writeBinaryTo(out);
        return ExportLogsServiceRequest.parseFrom(out.toByteArray());
    }

    /**
     * Adds what the SDK's attribute API cannot express: a bytes and a map attribute on the first
     * record, and scope attributes.
     */
    private static ExportLogsServiceRequest withProtobufOnlyValues(ExportLogsServiceRequest request) {
        ExportLogsServiceRequest.Builder builder = request.toBuilder();
        ScopeLogs.Builder scope = builder.getResourceLogsBuilder(0).getScopeLogsBuilder(0);
        scope.getScopeBuilder().addAttributes(kv("team", AnyValue.newBuilder().setStringValue("payments").build()));
        scope.getLogRecordsBuilder(0)
                .addAttributes(kv("payload", AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF}))
                        .build()))
                .addAttributes(kv("customer", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("vip", AnyValue.newBuilder().setBoolValue(true).build()))
                        .addValues(kv("tier", AnyValue.newBuilder().setStringValue("gold").build()))
                        .addValues(kv("id", AnyValue.newBuilder().setIntValue(7).build()))).build()));
        return builder.build();
    }

    private static io.opentelemetry.proto.common.v1.KeyValue kv(String key, AnyValue value) {
        return io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
