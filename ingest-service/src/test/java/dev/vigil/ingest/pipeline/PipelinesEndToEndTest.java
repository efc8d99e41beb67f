package dev.vigil.ingest.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Signal;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.ingest.forward.OtlpEndpointStub;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The service started with a pipelines file. Telemetry made by the OpenTelemetry SDK's OTLP/HTTP
 * exporters is routed by the service's {@link PipelineRouter}; each result is published the way the
 * receive stage publishes it (to the signal's topic with the pipeline, store and forward headers),
 * read back from Kafka, and forwarded by the service's forward stage to a stub external endpoint.
 */
@QuarkusTest
@TestProfile(PipelinesFileProfile.class)
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class PipelinesEndToEndTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    PipelineRouter router;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void routesSdkTelemetryPerPipelinePublishesItWithHeadersAndForwardsItsOutputs() throws Exception {
        CapturedExports sdk = exportWithTheSdk();
        String run = UUID.randomUUID().toString();

        List<ConsumerRecord<byte[], byte[]>> published = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ExportTraceServiceRequest request : sdk.traces()) {
                publishAsTheReceiverDoes(producer, run, Signal.TRACES, router.route(Signal.TRACES, request, items(request)));
            }
            publishAsTheReceiverDoes(producer, run, Signal.LOGS, router.route(Signal.LOGS, sdk.logs(), 2));
            List<Routed<ExportMetricsServiceRequest>> metrics = router.route(Signal.METRICS, sdk.metrics(), 2);
            assertThat(metrics).as("metrics have no pipeline: opted out").isEmpty();
        }
        published.addAll(readBack(run, 3));

        // traces: the shop pipeline stores the shop service's two spans with enduser.id redacted; the
        // kube-system span is dropped everywhere; errors-out only forwards the error span.
        ConsumerRecord<byte[], byte[]> shop = only(published, "shop");
        assertThat(shop.topic()).isEqualTo(Signal.TRACES.topic());
        assertThat(header(shop, Headers.STORE)).isEqualTo("true");
        assertThat(shop.headers().lastHeader(Headers.FORWARD)).isNull();
        ExportTraceServiceRequest shopSpans = ExportTraceServiceRequest.parseFrom(shop.value());
        assertThat(Otlp.spanNames(shopSpans)).containsExactlyInAnyOrder("GET /cart", "POST /pay");
        assertThat(Otlp.map(shopSpans.getResourceSpans(0).getScopeSpans(0).getSpansList().stream()
                .filter(s -> s.getName().equals("GET /cart")).findFirst().orElseThrow().getAttributesList()))
                .containsEntry("enduser.id", "***");

        ConsumerRecord<byte[], byte[]> errors = only(published, "errors-out");
        assertThat(header(errors, Headers.STORE)).isEqualTo("false");
        assertThat(header(errors, Headers.FORWARD)).isEqualTo(PipelinesFileProfile.OUTPUT);
        assertThat(Otlp.spanNames(ExportTraceServiceRequest.parseFrom(errors.value()))).containsExactly("POST /pay");

        ConsumerRecord<byte[], byte[]> logs = only(published, "logs-out");
        assertThat(logs.topic()).isEqualTo(Signal.LOGS.topic());
        assertThat(header(logs, Headers.FORWARD)).isEqualTo(PipelinesFileProfile.OUTPUT);

        // The forward stage sends the two forwarded records, and only those, to the partner endpoint.
        OtlpEndpointStub partner = PipelinesFileProfile.PARTNER;
        await().atMost(WITHIN).until(() -> partner.received().size() >= 2);
        Thread.sleep(1_000);
        assertThat(partner.received()).extracting(OtlpEndpointStub.Received::path)
                .containsExactlyInAnyOrder("/v1/traces", "/v1/logs");
        for (OtlpEndpointStub.Received request : partner.received()) {
            assertThat(request.header("x-tenant")).isEqualTo("acme");
            assertThat(request.header("content-type")).isEqualTo("application/x-protobuf");
        }
        OtlpEndpointStub.Received forwardedTraces = partner.received().stream()
                .filter(r -> r.path().equals("/v1/traces")).findFirst().orElseThrow();
        assertThat(Otlp.spanNames(ExportTraceServiceRequest.parseFrom(forwardedTraces.body()))).containsExactly("POST /pay");
        OtlpEndpointStub.Received forwardedLogs = partner.received().stream()
                .filter(r -> r.path().equals("/v1/logs")).findFirst().orElseThrow();
        ExportLogsServiceRequest partnerLogs = ExportLogsServiceRequest.parseFrom(forwardedLogs.body());
        // The SDK's simple processor exported each record on its own: two resources, one record each. Two exports
        // may reach Kafka's partitions, and so the partner, in either order.
        var records = partnerLogs.getResourceLogsList().stream().flatMap(r -> r.getScopeLogsList().stream())
                .flatMap(s -> s.getLogRecordsList().stream()).toList();
        assertThat(records).extracting(r -> r.getBody().getStringValue()).containsExactlyInAnyOrder("login", "logout");
        assertThat(records).allSatisfy(r -> assertThat(Otlp.map(r.getAttributesList()))
                .containsOnlyKeys("user").containsEntry("user", "ada"));

        // Counters on /q/metrics.
        await().atMost(WITHIN).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").asString();
            // Three spans: two of the shop, one of kube-system (an error too, but a system namespace).
            assertThat(counter(metrics, "traces", "shop", "received")).isEqualTo(3);
            assertThat(counter(metrics, "traces", "shop", "filtered_out")).isEqualTo(1);
            assertThat(counter(metrics, "traces", "errors-out", "received")).isEqualTo(3);
            assertThat(counter(metrics, "traces", "errors-out", "filtered_out")).isEqualTo(2);
            assertThat(counter(metrics, "traces", "errors-out", "forwarded")).isEqualTo(1);
            assertThat(counter(metrics, "logs", "logs-out", "received")).isEqualTo(2);
            assertThat(counter(metrics, "logs", "logs-out", "filtered_out")).isEqualTo(0);
            assertThat(counter(metrics, "logs", "logs-out", "forwarded")).isEqualTo(2);
            assertThat(counter(metrics, "metrics", "(none)", "filtered_out")).isEqualTo(2);
        });
    }

    /** What the SDK's exporters sent, captured by a stub collector. */
    record CapturedExports(List<ExportTraceServiceRequest> traces, ExportLogsServiceRequest logs,
            ExportMetricsServiceRequest metrics) {
    }

    private static CapturedExports exportWithTheSdk() throws Exception {
        try (OtlpEndpointStub collector = OtlpEndpointStub.start()) {
            for (String namespace : List.of("shop", "kube-system")) {
                Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), namespace.equals("shop") ? "cart" : "coredns",
                        AttributeKey.stringKey("k8s.namespace.name"), namespace)));
                try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                        .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                .setEndpoint(collector.endpoint() + "/v1/traces").build()).build()).build()) {
                    Tracer tracer = provider.get("e2e");
                    if (namespace.equals("shop")) {
                        tracer.spanBuilder("GET /cart").setAttribute("enduser.id", "u-42").startSpan().end();
                        tracer.spanBuilder("POST /pay").setAttribute("error.type", "timeout").startSpan().end();
                    } else {
                        tracer.spanBuilder("dns").setAttribute("error.type", "nxdomain").startSpan().end();
                    }
                    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
                }
            }
            Resource shop = Resource.getDefault().merge(Resource.create(Attributes.of(
                    AttributeKey.stringKey("service.name"), "auth", AttributeKey.stringKey("k8s.namespace.name"), "shop")));
            try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(shop)
                    .addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpHttpLogRecordExporter.builder()
                            .setEndpoint(collector.endpoint() + "/v1/logs").build())).build()) {
                Logger logger = provider.get("audit");
                for (String body : List.of("login", "logout")) {
                    logger.logRecordBuilder().setBody(body).setAllAttributes(Attributes.of(
                            AttributeKey.stringKey("user"), "ada", AttributeKey.stringKey("password"), "hunter2")).emit();
                }
                assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            }
            try (SdkMeterProvider provider = SdkMeterProvider.builder().setResource(shop)
                    .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                            .setEndpoint(collector.endpoint() + "/v1/metrics").build()).build()).build()) {
                LongCounter logins = provider.get("auth").counterBuilder("logins").build();
                logins.add(1, Attributes.of(AttributeKey.stringKey("result"), "ok"));
                logins.add(1, Attributes.of(AttributeKey.stringKey("result"), "denied"));
                assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            }
            List<ExportTraceServiceRequest> traces = new ArrayList<>();
            ExportLogsServiceRequest.Builder logs = ExportLogsServiceRequest.newBuilder();
            ExportMetricsServiceRequest.Builder metrics = ExportMetricsServiceRequest.newBuilder();
            for (OtlpEndpointStub.Received r : collector.received()) {
                switch (r.path()) {
                    case "/v1/traces" -> traces.add(ExportTraceServiceRequest.parseFrom(r.body()));
                    case "/v1/logs" -> logs.mergeFrom(r.body());
                    case "/v1/metrics" -> metrics.mergeFrom(r.body());
                    default -> throw new AssertionError("unexpected export to " + r.path());
                }
            }
            assertThat(traces).hasSize(2);
            return new CapturedExports(traces, logs.build(), metrics.build());
        }
    }

    private static int items(ExportTraceServiceRequest request) {
        return request.getResourceSpansList().stream().flatMap(r -> r.getScopeSpansList().stream())
                .mapToInt(s -> s.getSpansCount()).sum();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    /** The receive stage's side of the {@link PipelineRouter} contract: one record per routed result, with its headers. */
    private static <R extends com.google.protobuf.Message> void publishAsTheReceiverDoes(
            KafkaProducer<byte[], byte[]> producer, String run, Signal signal, List<Routed<R>> routed) throws Exception {
        for (Routed<R> r : routed) {
            List<Header> headers = new ArrayList<>(List.of(
                    new RecordHeader(Headers.TENANT, bytes("default")),
                    new RecordHeader(Headers.PIPELINE, bytes(r.pipeline())),
                    new RecordHeader(Headers.STORE, bytes(Boolean.toString(r.store())))));
            if (!r.forwardTo().isEmpty()) {
                headers.add(new RecordHeader(Headers.FORWARD, bytes(String.join(",", r.forwardTo()))));
            }
            producer.send(new ProducerRecord<>(signal.topic(), null, bytes(run), r.request().toByteArray(), headers))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readBack(String run, int expected) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Signal.TRACES.topic(), Signal.LOGS.topic(), Signal.METRICS.topic()));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (System.nanoTime() < deadline && found.size() < expected) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && Arrays.equals(record.key(), bytes(run))) {
                        found.add(record);
                    }
                }
            }
            // Nothing more arrives for this run: a pipeline that kept nothing published nothing.
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> {
                if (record.key() != null && Arrays.equals(record.key(), bytes(run))) {
                    found.add(record);
                }
            });
        }
        assertThat(found).extracting(r -> header(r, Headers.PIPELINE))
                .containsExactlyInAnyOrder("shop", "errors-out", "logs-out");
        return found;
    }

    private static ConsumerRecord<byte[], byte[]> only(List<ConsumerRecord<byte[], byte[]>> records, String pipeline) {
        return records.stream().filter(r -> pipeline.equals(header(r, Headers.PIPELINE))).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code vigil_pipeline_items_total} sample from the Prometheus text, 0 when absent. */
    private static double counter(String metrics, String signal, String pipeline, String outcome) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith("vigil_pipeline_items_total{") && line.contains("signal=\"" + signal + "\"")
                    && line.contains("pipeline=\"" + pipeline + "\"") && line.contains("outcome=\"" + outcome + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
