package dev.vigil.alert.notify;

import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.devstack.testing.TestCredentials;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telemetry for the rules to see: a packaged ingest-service on the test JVM's devstack (one per JVM), and
 * spans sent to it with the OpenTelemetry Java SDK's OTLP/HTTP exporter.
 */
public final class Telemetry {

    private static PackagedService ingest;

    private Telemetry() {
    }

    public static synchronized PackagedService ingest() {
        if (ingest == null) {
            DevStack stack = SharedDevStack.get();
            // A free gRPC port too: 4317 may be taken by another ingest-service on the machine.
            ingest = PackagedService.start("ingest-service", Map.of(
                    "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                    "vigil.clickhouse.url", stack.clickHouseUrl(),
                    "quarkus.grpc.server.port", Integer.toString(PackagedService.freePort())));
            PackagedService started = ingest;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "ingest-service-stop"));
        }
        return ingest;
    }

    /**
     * Sends {@code total} server spans of {@code service}'s {@code operation}, the first {@code errors} of
     * them with status Error, and returns once ingest-service accepted them (its answer means they are on Kafka).
     *
     * @return {@link System#nanoTime()} when the export was accepted
     */
    public static long sendSpans(String service, String operation, int total, int errors) {
        return sendSpans(service, operation, total, errors, 0);
    }

    /** As {@link #sendSpans(String, String, int, int)}, each span lasting {@code durationMillis} when it is positive. */
    public static long sendSpans(String service, String operation, int total, int errors, long durationMillis) {
        List<SpanData> spans = new ArrayList<>();
        SpanExporter recorder = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> batch) {
                spans.addAll(batch);
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
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.builder().put("service.name", service).build()))
                .addSpanProcessor(SimpleSpanProcessor.create(recorder)).build()) {
            Tracer tracer = provider.get("dev.vigil.alert.test");
            for (int i = 0; i < total; i++) {
                java.time.Instant start = java.time.Instant.now();
                Span span = tracer.spanBuilder(operation).setSpanKind(SpanKind.SERVER).setStartTimestamp(start).startSpan();
                if (i < errors) {
                    span.setStatus(StatusCode.ERROR, "failed");
                }
                if (durationMillis > 0) {
                    span.end(start.plusMillis(durationMillis));
                } else {
                    span.end();
                }
            }
        }
        assertThat(spans).hasSize(total);
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(ingest().uri("/v1/traces").toString()).setHeaders(TestCredentials::otlpHeaders).build();
        try {
            CompletableResultCode result = exporter.export(spans).join(15, TimeUnit.SECONDS);
            assertThat(result.isSuccess()).as("ingest-service accepted the spans").isTrue();
            return System.nanoTime();
        } finally {
            exporter.shutdown();
        }
    }

    /** Sends log records of {@code service}, one per body, all with {@code severity}; returns once accepted. */
    public static void sendLogs(String service, io.opentelemetry.api.logs.Severity severity, String... bodies) {
        io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter exporter =
                io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(ingest().uri("/v1/logs").toString()).setHeaders(TestCredentials::otlpHeaders)
                        .build();
        try (io.opentelemetry.sdk.logs.SdkLoggerProvider provider = io.opentelemetry.sdk.logs.SdkLoggerProvider.builder()
                .setResource(Resource.create(Attributes.builder().put("service.name", service).build()))
                .addLogRecordProcessor(io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor.builder(exporter).build())
                .build()) {
            io.opentelemetry.api.logs.Logger logger = provider.get("dev.vigil.alert.test");
            for (String body : bodies) {
                logger.logRecordBuilder().setSeverity(severity).setSeverityText(severity.name()).setBody(body).emit();
            }
            assertThat(provider.forceFlush().join(15, TimeUnit.SECONDS).isSuccess())
                    .as("ingest-service accepted the log records").isTrue();
        }
    }

    /**
     * Sends one point of a gauge of {@code service} per entry of {@code valuesByQueue}, with the attribute
     * {@code queue}; returns once accepted.
     */
    public static void sendGauge(String service, String metric, Map<String, Double> valuesByQueue) {
        io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter exporter =
                io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter.builder()
                        .setEndpoint(ingest().uri("/v1/metrics").toString()).setHeaders(TestCredentials::otlpHeaders)
                        .build();
        io.opentelemetry.sdk.metrics.export.PeriodicMetricReader reader =
                io.opentelemetry.sdk.metrics.export.PeriodicMetricReader.builder(exporter)
                        .setInterval(java.time.Duration.ofHours(1)).build();
        try (io.opentelemetry.sdk.metrics.SdkMeterProvider provider = io.opentelemetry.sdk.metrics.SdkMeterProvider.builder()
                .setResource(Resource.create(Attributes.builder().put("service.name", service).build()))
                .registerMetricReader(reader).build()) {
            provider.get("dev.vigil.alert.test").gaugeBuilder(metric).buildWithCallback(m -> valuesByQueue.forEach(
                    (queue, value) -> m.record(value, Attributes.of(io.opentelemetry.api.common.AttributeKey.stringKey("queue"), queue))));
            assertThat(provider.forceFlush().join(15, TimeUnit.SECONDS).isSuccess())
                    .as("ingest-service accepted the metrics").isTrue();
        }
    }
}
