package dev.vigil.ingest.receive;

import dev.vigil.devstack.testing.TestCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.SharedDevStack;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The receiver never answers success for data Kafka does not hold: while Kafka is down every client
 * gets a retryable answer (HTTP 503 with Retry-After, gRPC UNAVAILABLE with RetryInfo), a receiver over
 * its in-flight bound answers 429 / RESOURCE_EXHAUSTED, and once Kafka is back the same sends succeed.
 * The test profile sets a 3 s publish timeout and a 1 MiB in-flight bound.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class KafkaOutageTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void answersRetryablyWhileKafkaIsDownOnBothTransportsAndAcceptsOnceItIsBack() throws Exception {
        String service = "outage-" + UUID.randomUUID();
        List<SpanData> spans = SdkTelemetry.spans(service);
        byte[] export = Sender.protobuf(TraceRequestMarshaler.create(spans));
        DevStack stack = SharedDevStack.get();
        stack.stopKafka();
        try {
            HttpResponse<byte[]> refused = post("/v1/traces", export);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            Status status = Status.parseFrom(refused.body());
            assertThat(status.getCode()).as("gRPC UNAVAILABLE").isEqualTo(14);
            assertThat(status.getMessage()).startsWith("the data could not be written to Kafka, send it again later");
            assertThat(retryDelay(status)).isEqualTo(Duration.ofSeconds(5));

            StatusRuntimeException unavailable = catchThrowableOfType(StatusRuntimeException.class,
                    () -> GrpcExport.call(TraceServiceGrpc.SERVICE_NAME, export));
            assertThat(unavailable.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
            assertThat(retryDelay(StatusProto.fromThrowable(unavailable))).isEqualTo(Duration.ofSeconds(5));

            assertThat(Sender.GRPC.spans(spans)).as("the SDK's gRPC exporter is refused").isFalse();
            assertThat(Sender.HTTP_PROTOBUF.spans(spans)).as("the SDK's HTTP exporter is refused").isFalse();

            answersOverloadWhileOneLargeExportWaitsForKafka();
        } finally {
            stack.startKafka();
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(post("/v1/traces", export).statusCode()).isEqualTo(200));
        assertThat(Sender.GRPC.spans(spans)).as("the SDK's gRPC exporter is accepted again").isTrue();
        assertThat(Sender.HTTP_PROTOBUF_GZIP.spans(spans)).as("the SDK's HTTP exporter is accepted again").isTrue();
        assertThat(Sender.GRPC.metrics(SdkTelemetry.metrics(service))).isTrue();
        assertThat(Sender.HTTP_JSON.logs(SdkTelemetry.logs(service))).isTrue();

        byte[] marker = service.getBytes(StandardCharsets.UTF_8);
        // Three accepted sends of the spans; refused sends may have reached Kafka late, never fewer.
        int accepted = 3 * spans.size();
        List<Flattened> published = PublishedRecords.read(bootstrapServers, Topics.OTLP_TRACES,
                r -> OtlpSdkExportTest.contains(r.value(), marker),
                found -> found.stream().mapToInt(r -> Flattened.traces(parse(r.value())).size()).sum() >= accepted)
                .stream().flatMap(r -> Flattened.traces(parse(r.value())).stream()).toList();
        assertThat(published.size()).isGreaterThanOrEqualTo(accepted);
        List<String> bodies = PublishedRecords.read(bootstrapServers, Topics.OTLP_LOGS,
                r -> OtlpSdkExportTest.contains(r.value(), marker),
                found -> found.stream().mapToInt(r -> Flattened.logs(parseLogs(r.value())).size()).sum() >= 2)
                .stream().flatMap(r -> Flattened.logs(parseLogs(r.value())).stream())
                .map(f -> ((LogRecord) f.item()).getBody().getStringValue()).toList();
        assertThat(bodies).containsExactlyInAnyOrder("payment declined", "started");
    }

    /**
     * One export of 600 kB waits for the stopped Kafka; a second one then finds the 1 MiB in-flight bound
     * taken and is refused at once as retryable. Repeated until the timing lines up: the first export is
     * released after the publish timeout.
     */
    private void answersOverloadWhileOneLargeExportWaitsForKafka() {
        byte[] large = RecordSplitterTest.request(RecordSplitterTest.resource("overload", RecordSplitterTest.scope(
                "s", RecordSplitterTest.span(9, 1).toBuilder().setName("x".repeat(600_000)).build()))).toByteArray();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CompletableFuture<HttpResponse<byte[]>> waiting = HTTP.sendAsync(request("/v1/traces", large),
                    HttpResponse.BodyHandlers.ofByteArray());
            await().atMost(Duration.ofSeconds(10)).until(() -> inFlightBytes() > 0 || waiting.isDone());
            HttpResponse<byte[]> overloaded = post("/v1/traces", large);
            StatusRuntimeException exhausted = catchThrowableOfType(StatusRuntimeException.class,
                    () -> GrpcExport.call(MetricsServiceGrpc.SERVICE_NAME, metricsOf(large.length)));
            assertThat(waiting.get().statusCode()).isEqualTo(503);

            assertThat(overloaded.statusCode()).isEqualTo(429);
            assertThat(overloaded.headers().firstValue("Retry-After")).hasValue("5");
            Status status = Status.parseFrom(overloaded.body());
            assertThat(status.getCode()).as("gRPC RESOURCE_EXHAUSTED").isEqualTo(8);
            assertThat(status.getMessage()).contains("vigil.ingest.receive.max-in-flight-bytes allows is 1048576");
            assertThat(retryDelay(status)).isEqualTo(Duration.ofSeconds(5));
            assertThat(exhausted.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
            assertThat(retryDelay(StatusProto.fromThrowable(exhausted))).isEqualTo(Duration.ofSeconds(5));
        });
    }

    /** A metrics export of about the given size: one gauge whose data point carries a long attribute. */
    private static byte[] metricsOf(int bytes) {
        return io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(io.opentelemetry.proto.metrics.v1.ResourceMetrics.newBuilder()
                        .addScopeMetrics(io.opentelemetry.proto.metrics.v1.ScopeMetrics.newBuilder()
                                .addMetrics(RecordSplitterTest.gauge("overload", 1, bytes))))
                .build().toByteArray();
    }

    private static long inFlightBytes() throws Exception {
        return (long) BadInputTest.Metrics.scrape().value("vigil_ingest_inflight_bytes");
    }

    private static Duration retryDelay(Status status) throws InvalidProtocolBufferException {
        assertThat(status.getDetailsCount()).as("RetryInfo").isEqualTo(1);
        RetryInfo retry = status.getDetails(0).unpack(RetryInfo.class);
        return Duration.ofSeconds(retry.getRetryDelay().getSeconds(), retry.getRetryDelay().getNanos());
    }

    private static HttpRequest request(String path, byte[] body) {
        return HttpRequest.newBuilder(Receiver.http(path)).header("Content-Type", "application/x-protobuf")
                .header("Authorization", TestCredentials.ingestAuthorization())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
        return HTTP.send(request(path, body), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static ExportTraceServiceRequest parse(byte[] value) {
        try {
            return ExportTraceServiceRequest.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static ExportLogsServiceRequest parseLogs(byte[] value) {
        try {
            return ExportLogsServiceRequest.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
