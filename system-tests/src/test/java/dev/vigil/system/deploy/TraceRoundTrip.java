package dev.vigil.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.devstack.testing.TestCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One two-span trace sent with the OpenTelemetry SDK's OTLP/HTTP exporter to an ingest-service, then read back whole
 * from a query-service: the proof that a deployment's wiring (Kafka, ClickHouse, the persist stage, the query API)
 * stores what it accepts.
 */
final class TraceRoundTrip {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TraceRoundTrip() {
    }

    /** Sends the trace to {@code otlpHttp} (e.g. http://127.0.0.1:4318) and returns its id once stored. */
    static String sendAndAwait(URI otlpHttp, URI queryApi, String serviceName, Duration within) throws Exception {
        List<SpanData> spans = new CopyOnWriteArrayList<>();
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
        String traceId;
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName)))
                .addSpanProcessor(SimpleSpanProcessor.create(recorder)).build()) {
            Tracer tracer = provider.get("dev.vigil.system.deploy");
            Span root = tracer.spanBuilder("GET /deployed").setSpanKind(SpanKind.SERVER).startSpan();
            traceId = root.getSpanContext().getTraceId();
            try (Scope ignored = root.makeCurrent()) {
                tracer.spanBuilder("SELECT deployed").setSpanKind(SpanKind.CLIENT)
                        .setAttribute("db.system.name", "postgresql").startSpan().end();
            }
            root.end();
        }
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(otlpHttp.resolve("/v1/traces").toString()).setHeaders(TestCredentials::otlpHeaders).build();
        try {
            assertThat(exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess())
                    .as("OTLP export to " + otlpHttp + " answered with success").isTrue();
        } finally {
            exporter.shutdown();
        }
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        do {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(queryApi.resolve("/api/v1/traces/" + traceId)).header("Authorization", TestCredentials.adminAuthorization())
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            last = answer.statusCode() + " " + answer.body();
            if (answer.statusCode() == 200) {
                JsonNode trace = JSON.readTree(answer.body());
                if (trace.path("spans").size() == 2) {
                    assertThat(trace.path("spans").get(0).path("serviceName").asText()).isEqualTo(serviceName);
                    return traceId;
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("trace " + traceId + " not stored within " + within + "; last answer " + last);
    }
}
