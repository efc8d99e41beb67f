package dev.vigil.system.access;

import dev.vigil.demo.shop.FinishedSpans;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.devstack.testing.TestCredentials;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An ingest token's whole life across the services, with the OpenTelemetry SDK's exporters on both transports: an
 * admin creates it through alert-service's API, ingest-service accepts it at once for the signals it names and
 * refuses it for the others, and once revoked it is refused within the credential cache's time to live.
 */
class IngestTokenLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Short, so that the revocation is seen quickly; the default is 10 s. */
    private static final Duration CACHE_TTL = Duration.ofSeconds(1);
    private static final int UNAUTHENTICATED = 16;
    private static final int PERMISSION_DENIED = 7;

    private static PackagedService alert;
    private static PackagedService ingest;
    private static String clickHouseUrl;

    @BeforeAll
    static void startAlertAndIngest() {
        DevStack stack = SharedDevStack.get();
        clickHouseUrl = stack.clickHouseUrl();
        alert = PackagedService.start("alert-service", Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "vigil.clickhouse.url", stack.clickHouseUrl(),
                "quarkus.datasource.jdbc.url", stack.postgres().jdbcUrl()));
        ingest = PackagedService.ingest(Map.of("vigil.access.cache-ttl", CACHE_TTL.toSeconds() + "s"));
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        if (alert != null) {
            alert.close();
        }
    }

    @Test
    void aTracesOnlyTokenSendsSpansOnBothTransportsIsRefusedForLogsAndStopsWorkingWhenRevoked() throws Exception {
        String service = "token-lifecycle-" + UUID.randomUUID();
        JsonNode created = createToken("{\"name\":\"checkout traces\",\"signals\":[\"traces\"]}");
        String token = created.path("token").asText();
        assertThat(token).startsWith("vgi_");

        // Accepted at once: a token not yet seen is looked up, not remembered as unknown.
        List<SpanData> spans = spans(service, 3);
        assertThat(sent(httpSpans(token), spans)).isEqualTo("ok");
        List<SpanData> grpcSpans = spans(service, 2);
        assertThat(sent(grpcSpans(token), grpcSpans)).isEqualTo("ok");

        // The token names traces only: logs are refused on both transports, and nothing of them is stored.
        List<LogRecordData> logs = logs(service);
        assertThat(sent(httpLogs(token), logs)).isEqualTo("HTTP 403");
        assertThat(sent(grpcLogs(token), logs)).isEqualTo("gRPC " + PERMISSION_DENIED);

        // An API key is not an ingest token, whatever its role.
        assertThat(sent(httpSpans(TestCredentials.ADMIN_KEY), spans(service, 1))).isEqualTo("HTTP 401");

        JsonNode revoked = send(HttpRequest.newBuilder(alert.uri("/api/v1/access/ingest-tokens/"
                + created.path("id").asText())).header("Authorization", TestCredentials.adminAuthorization()).DELETE());
        assertThat(revoked.path("revokedAt").asText()).isNotEmpty();
        Instant revokedAt = Instant.now();
        String httpOutcome;
        String grpcOutcome;
        do {
            Thread.sleep(200);
            httpOutcome = sent(httpSpans(token), spans(service + "-revoked", 1));
            grpcOutcome = sent(grpcSpans(token), spans(service + "-revoked", 1));
        } while (!(httpOutcome.equals("HTTP 401") && grpcOutcome.equals("gRPC " + UNAUTHENTICATED))
                && Duration.between(revokedAt, Instant.now()).compareTo(CACHE_TTL.plusSeconds(10)) < 0);
        assertThat(httpOutcome).as("OTLP/HTTP after the revocation").isEqualTo("HTTP 401");
        assertThat(grpcOutcome).as("OTLP/gRPC after the revocation").isEqualTo("gRPC " + UNAUTHENTICATED);

        awaitCount("SELECT count() FROM vigil.otel_traces WHERE ServiceName = {service:String}", service, 5);
        assertThat(count("SELECT count() FROM vigil.otel_logs WHERE ServiceName = {service:String}", service))
                .as("logs sent with a traces-only token").isZero();
    }

    private static JsonNode createToken(String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(alert.uri("/api/v1/access/ingest-tokens"))
                .header("Authorization", TestCredentials.adminAuthorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String sent(SpanExporter exporter, List<SpanData> spans) {
        try (exporter) {
            return outcome(exporter.export(spans));
        }
    }

    private static String sent(LogRecordExporter exporter, List<LogRecordData> logs) {
        try (exporter) {
            return outcome(exporter.export(logs));
        }
    }

    /** "ok", "HTTP &lt;status&gt;" or "gRPC &lt;status code&gt;": how an export of the SDK's exporter ended. */
    private static String outcome(CompletableResultCode result) {
        result.join(30, TimeUnit.SECONDS);
        if (result.isSuccess()) {
            return "ok";
        }
        Throwable failure = result.getFailureThrowable();
        if (failure instanceof FailedExportException.HttpExportException http && http.getResponse() != null) {
            return "HTTP " + http.getResponse().statusCode();
        }
        if (failure instanceof FailedExportException.GrpcExportException grpc && grpc.getResponse() != null) {
            return "gRPC " + grpc.getResponse().grpcStatusValue();
        }
        return "failed without an answer: " + failure;
    }

    private static String grpcEndpoint() {
        return "http://127.0.0.1:" + ingest.property("quarkus.grpc.server.port");
    }

    private static SpanExporter httpSpans(String token) {
        return OtlpHttpSpanExporter.builder().setEndpoint(ingest.uri("/v1/traces").toString()).setRetryPolicy(null)
                .addHeader("Authorization", "Bearer " + token).build();
    }

    private static SpanExporter grpcSpans(String token) {
        return OtlpGrpcSpanExporter.builder().setEndpoint(grpcEndpoint()).setRetryPolicy(null)
                .addHeader("Authorization", "Bearer " + token).build();
    }

    private static LogRecordExporter httpLogs(String token) {
        return OtlpHttpLogRecordExporter.builder().setEndpoint(ingest.uri("/v1/logs").toString()).setRetryPolicy(null)
                .addHeader("Authorization", "Bearer " + token).build();
    }

    private static LogRecordExporter grpcLogs(String token) {
        return OtlpGrpcLogRecordExporter.builder().setEndpoint(grpcEndpoint()).setRetryPolicy(null)
                .addHeader("Authorization", "Bearer " + token).build();
    }

    private static Resource resource(String service) {
        return Resource.getDefault().merge(Resource.builder().put("service.name", service).build());
    }

    /** {@code n} finished spans of {@code service}, as the SDK hands them to an exporter. */
    private static List<SpanData> spans(String service, int n) {
        FinishedSpans finished = new FinishedSpans();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource(service))
                .addSpanProcessor(finished).build()) {
            for (int i = 0; i < n; i++) {
                provider.get("dev.vigil.system").spanBuilder("GET /checkout/" + i).startSpan().end();
            }
        }
        return finished.take();
    }

    private static List<LogRecordData> logs(String service) {
        List<LogRecordData> emitted = new ArrayList<>();
        LogRecordProcessor collect = (Context context, ReadWriteLogRecord record) -> emitted.add(record.toLogRecordData());
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource(service))
                .addLogRecordProcessor(collect).build()) {
            provider.get("dev.vigil.system").logRecordBuilder().setSeverity(Severity.INFO)
                    .setBody("payment accepted").emit();
        }
        return emitted;
    }

    private static void awaitCount(String sql, String service, long expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        long seen;
        do {
            seen = count(sql, service);
            if (seen == expected) {
                return;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        assertThat(seen).as("spans of %s stored", service).isEqualTo(expected);
    }

    private static long count(String sql, String service) {
        URI uri = URI.create(clickHouseUrl + "/?param_service=" + URLEncoder.encode(service, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return Long.parseLong(response.body().strip());
        } catch (IOException e) {
            throw new IllegalStateException("ClickHouse at " + clickHouseUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
