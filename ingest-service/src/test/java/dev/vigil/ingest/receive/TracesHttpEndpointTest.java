package dev.vigil.ingest.receive;

import dev.vigil.devstack.testing.TestCredentials;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class TracesHttpEndpointTest {
    private static final Duration STORED_WITHIN = Duration.ofSeconds(30);

    @TestHTTPResource("/v1/traces")
    URL endpoint;

    @Inject
    Client clickHouse;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void storesATraceSentByTheOpenTelemetrySdkFieldByField() {
        // Recent, or the table's retention would drop the rows; odd nanoseconds show nothing is rounded.
        Instant start = Instant.now().minusSeconds(60).with(ChronoField.NANO_OF_SECOND, 123_456_789);
        SpanContext linked = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        String traceId;
        String serverSpanId;
        try (SdkTracerProvider provider = tracerProvider("checkout")) {
            Tracer tracer = provider.get("dev.vigil.test.http", "1.2.3");
            Span server = tracer.spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(start)
                    .setAttribute("http.request.method", "POST")
                    .setAttribute(AttributeKey.longKey("http.response.status_code"), 500L)
                    .setAttribute(AttributeKey.booleanKey("retried"), true)
                    .setAttribute(AttributeKey.doubleKey("load"), 0.75)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                    .addLink(linked, Attributes.of(AttributeKey.stringKey("link.reason"), "batch"))
                    .startSpan();
            server.addEvent("exception", Attributes.of(AttributeKey.stringKey("exception.type"), "IOException"),
                    start.plusMillis(5));
            server.setStatus(StatusCode.ERROR, "payment declined");
            Span client = tracer.spanBuilder("GET /payments").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(server)).setStartTimestamp(start.plusMillis(1)).startSpan();
            client.end(start.plusMillis(21));
            server.end(start.plusMillis(250));
            traceId = server.getSpanContext().getTraceId();
            serverSpanId = server.getSpanContext().getSpanId();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as("export acknowledged").isTrue();
        }

        String id = traceId;
        await().atMost(STORED_WITHIN).untilAsserted(() -> assertThat(count("otel_traces", id)).isEqualTo(2));

        GenericRecord row = clickHouse.queryAll("SELECT toUnixTimestamp64Nano(Timestamp) AS ts, TraceId, SpanId,"
                + " ParentSpanId, TraceState, SpanName, SpanKind, ServiceName, ResourceAttributes, ScopeName,"
                + " ScopeVersion, SpanAttributes, Duration, StatusCode, StatusMessage,"
                + " `Events.Name` AS event_names, arrayMap(t -> toUnixTimestamp64Nano(t), `Events.Timestamp`) AS event_times,"
                + " `Events.Attributes`[1] AS event_attributes, `Links.TraceId` AS link_traces,"
                + " `Links.SpanId` AS link_spans, `Links.Attributes`[1] AS link_attributes"
                + " FROM vigil.otel_traces WHERE TraceId = '" + id + "' AND SpanKind = 'Server'").getFirst();
        assertThat(row.getLong("ts")).isEqualTo(nanos(start));
        assertThat(row.getString("TraceId")).isEqualTo(traceId);
        assertThat(row.getString("SpanId")).isEqualTo(serverSpanId);
        assertThat(row.getString("ParentSpanId")).isEmpty();
        assertThat(row.getString("TraceState")).isEmpty();
        assertThat(row.getString("SpanName")).isEqualTo("POST /orders");
        assertThat(row.getString("ServiceName")).isEqualTo("checkout");
        assertThat(map(row, "ResourceAttributes")).containsEntry("service.name", "checkout")
                .containsEntry("telemetry.sdk.language", "java");
        assertThat(row.getString("ScopeName")).isEqualTo("dev.vigil.test.http");
        assertThat(row.getString("ScopeVersion")).isEqualTo("1.2.3");
        assertThat(map(row, "SpanAttributes")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "http.request.method", "POST",
                "http.response.status_code", "500",
                "retried", "true",
                "load", "0.75",
                "tags", "[\"a\",\"b\"]"));
        assertThat(row.getLong("Duration")).isEqualTo(250_000_000L);
        assertThat(row.getString("StatusCode")).isEqualTo("Error");
        assertThat(row.getString("StatusMessage")).isEqualTo("payment declined");
        assertThat(row.getList("event_names")).containsExactly("exception");
        assertThat(row.getList("event_times")).containsExactly(nanos(start.plusMillis(5)));
        assertThat(map(row, "event_attributes")).containsExactly(Map.entry("exception.type", "IOException"));
        assertThat(row.getList("link_traces")).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(row.getList("link_spans")).containsExactly("00f067aa0ba902b7");
        assertThat(map(row, "link_attributes")).containsExactly(Map.entry("link.reason", "batch"));

        GenericRecord child = clickHouse.queryAll("SELECT ParentSpanId, SpanKind, Duration, StatusCode"
                + " FROM vigil.otel_traces WHERE TraceId = '" + id + "' AND SpanName = 'GET /payments'").getFirst();
        assertThat(child.getString("ParentSpanId")).isEqualTo(serverSpanId);
        assertThat(child.getString("SpanKind")).isEqualTo("Client");
        assertThat(child.getLong("Duration")).isEqualTo(20_000_000L);
        assertThat(child.getString("StatusCode")).isEqualTo("Unset");

        // The materialized view keeps the trace's time range for lookups by id.
        await().atMost(STORED_WITHIN).untilAsserted(() -> assertThat(count("otel_traces_trace_id_ts", id)).isPositive());
    }

    @Test
    void publishesEachTraceToKafkaKeyedByTraceIdWithTenantAndReceiveTime() throws IOException {
        long before = nanos(Instant.now());
        String traceId;
        try (SdkTracerProvider provider = tracerProvider("keyed")) {
            Span span = provider.get("t").spanBuilder("keyed-span").startSpan();
            span.end();
            traceId = span.getSpanContext().getTraceId();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        }

        ConsumerRecord<byte[], byte[]> record = findRecord(Topics.OTLP_TRACES, traceId);
        assertThat(header(record, Headers.TENANT)).isEqualTo("default");
        assertThat(Long.parseLong(header(record, Headers.RECEIVED_AT))).isBetween(before, nanos(Instant.now()));
        assertThat(ExportTraceServiceRequest.parseFrom(record.value()).getResourceSpans(0).getScopeSpans(0).getSpans(0)
                .getName()).isEqualTo("keyed-span");
    }

    @Test
    void refusesMalformedProtobufWith400AndAStatusNamingTheProblem() throws IOException {
        Response response = withToken().contentType("application/x-protobuf")
                .body(new byte[] {0x0A, 100, 1, 2})
                .post(endpoint);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/x-protobuf");
        assertThat(response.header("Retry-After")).isNull();
        RefusalStatus status = RefusalStatus.decode(response.asByteArray());
        assertThat(status.code()).isEqualTo(3);
        assertThat(status.message()).startsWith("the body is not a valid protobuf ExportTraceServiceRequest");
    }

    @Test
    void refusesASpanIdOfWrongLengthWith400() throws IOException {
        byte[] body = RecordSplitterTest.request(RecordSplitterTest.resource("a", RecordSplitterTest.scope("s",
                RecordSplitterTest.span(1, 1).toBuilder()
                        .setSpanId(ByteString.copyFrom(new byte[3])).build()))).toByteArray();
        Response response = withToken().contentType("application/x-protobuf").body(body).post(endpoint);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RefusalStatus.decode(response.asByteArray()).message())
                .isEqualTo("resource_spans[0].scope_spans[0].spans[0].span_id has 3 bytes; it must have 8");
    }

    @Test
    void refusesAContentTypeItDoesNotReadWith415() throws IOException {
        Response response = withToken().contentType("text/plain").body("resourceSpans").post(endpoint);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(RefusalStatus.decode(response.asByteArray()).message()).isEqualTo(
                "Content-Type 'text/plain; charset=ISO-8859-1' is not supported; send application/x-protobuf or"
                        + " application/json");
    }

    @Test
    void answersAnEmptyExportWithSuccess() {
        Response response = withToken().contentType("application/x-protobuf").body(new byte[0]).post(endpoint);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asByteArray()).isEmpty();
    }

    @Test
    void isReadyWhenKafkaAndClickHouseAnswer() {
        Response response = given().get(endpoint.toString().replace("/v1/traces", "/q/health/ready"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("checks.name", String.class))
                .contains("ClickHouse and the persist stage", "Kafka connection health check");
    }

    private static io.restassured.specification.RequestSpecification withToken() {
        return given().header("Authorization", TestCredentials.ingestAuthorization());
    }

    private SdkTracerProvider tracerProvider(String service) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint.toString())
                .setHeaders(TestCredentials::otlpHeaders).build();
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
    }

    private long count(String table, String traceId) {
        return clickHouse.queryAll("SELECT count() AS c FROM vigil." + table + " WHERE TraceId = '" + traceId + "'")
                .getFirst().getLong("c");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(GenericRecord row, String column) {
        return (Map<String, String>) row.getObject(column);
    }

    private ConsumerRecord<byte[], byte[]> findRecord(String topic, String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + key);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + STORED_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.US_ASCII))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record with key " + key + " on " + topic + " within " + STORED_WITHIN);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as(name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Reads the google.rpc.Status of a refusal back: code and message. */
    private record RefusalStatus(int code, String message) {
        static RefusalStatus decode(byte[] body) throws IOException {
            CodedInputStream in = CodedInputStream.newInstance(body);
            int code = 0;
            String message = "";
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (tag >>> 3) {
                    case 1 -> code = in.readInt32();
                    case 2 -> message = in.readString();
                    default -> in.skipField(tag);
                }
            }
            return new RefusalStatus(code, message);
        }
    }
}
