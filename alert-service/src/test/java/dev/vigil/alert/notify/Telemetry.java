package dev.vigil.alert.notify;

import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
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
final class Telemetry {

    private static PackagedService ingest;

    private Telemetry() {
    }

    static synchronized PackagedService ingest() {
        if (ingest == null) {
            DevStack stack = SharedDevStack.get();
            ingest = PackagedService.start("ingest-service", Map.of(
                    "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                    "vigil.clickhouse.url", stack.clickHouseUrl()));
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
    static long sendSpans(String service, String operation, int total, int errors) {
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
                Span span = tracer.spanBuilder(operation).setSpanKind(SpanKind.SERVER).startSpan();
                if (i < errors) {
                    span.setStatus(StatusCode.ERROR, "failed");
                }
                span.end();
            }
        }
        assertThat(spans).hasSize(total);
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(ingest().uri("/v1/traces").toString()).build();
        try {
            CompletableResultCode result = exporter.export(spans).join(15, TimeUnit.SECONDS);
            assertThat(result.isSuccess()).as("ingest-service accepted the spans").isTrue();
            return System.nanoTime();
        } finally {
            exporter.shutdown();
        }
    }
}
