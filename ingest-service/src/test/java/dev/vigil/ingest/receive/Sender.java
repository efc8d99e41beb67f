package dev.vigil.ingest.receive;

import dev.vigil.devstack.testing.TestCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The ways an OpenTelemetry SDK sends to the receiver: its gRPC and HTTP/protobuf exporters, plain and
 * gzip, and OTLP/JSON as the SDK's own JSON marshaling writes it (its exporters only send JSON for
 * logs through other means, so that body is posted as-is).
 */
enum Sender {
    GRPC, GRPC_GZIP, HTTP_PROTOBUF, HTTP_PROTOBUF_GZIP, HTTP_JSON;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    boolean spans(List<SpanData> spans) {
        return switch (this) {
            case GRPC, GRPC_GZIP -> {
                try (var exporter = OtlpGrpcSpanExporter.builder().setEndpoint(Receiver.grpcEndpoint())
                        .setHeaders(TestCredentials::otlpHeaders)
                        .setCompression(compression()).setRetryPolicy(null).build()) {
                    yield SdkTelemetry.succeeded(exporter.export(spans));
                }
            }
            case HTTP_PROTOBUF, HTTP_PROTOBUF_GZIP -> {
                try (var exporter = OtlpHttpSpanExporter.builder().setEndpoint(Receiver.http("/v1/traces").toString())
                        .setHeaders(TestCredentials::otlpHeaders)
                        .setCompression(compression()).setRetryPolicy(null).build()) {
                    yield SdkTelemetry.succeeded(exporter.export(spans));
                }
            }
            case HTTP_JSON -> postJson("/v1/traces", TraceRequestMarshaler.create(spans));
        };
    }

    boolean metrics(List<MetricData> metrics) {
        return switch (this) {
            case GRPC, GRPC_GZIP -> {
                try (var exporter = OtlpGrpcMetricExporter.builder().setEndpoint(Receiver.grpcEndpoint())
                        .setHeaders(TestCredentials::otlpHeaders)
                        .setCompression(compression()).setRetryPolicy(null).build()) {
                    yield SdkTelemetry.succeeded(exporter.export(metrics));
                }
            }
            case HTTP_PROTOBUF, HTTP_PROTOBUF_GZIP -> {
                try (var exporter = OtlpHttpMetricExporter.builder()
                        .setEndpoint(Receiver.http("/v1/metrics").toString()).setHeaders(TestCredentials::otlpHeaders)
                        .setCompression(compression()).setRetryPolicy(null).build()) {
                    yield SdkTelemetry.succeeded(exporter.export(metrics));
                }
            }
            case HTTP_JSON -> postJson("/v1/metrics", MetricsRequestMarshaler.create(metrics));
        };
    }

    boolean logs(List<LogRecordData> logs) {
        return switch (this) {
            case GRPC, GRPC_GZIP -> {
                try (var exporter = OtlpGrpcLogRecordExporter.builder().setEndpoint(Receiver.grpcEndpoint())
                        .setHeaders(TestCredentials::otlpHeaders)
                        .setCompression(compression()).setRetryPolicy(null).build()) {
                    yield SdkTelemetry.succeeded(exporter.export(logs));
                }
            }
            case HTTP_PROTOBUF, HTTP_PROTOBUF_GZIP -> {
                try (var exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(Receiver.http("/v1/logs").toString())
                        .setHeaders(TestCredentials::otlpHeaders)
                        .setCompression(compression()).setRetryPolicy(null).build()) {
                    yield SdkTelemetry.succeeded(exporter.export(logs));
                }
            }
            case HTTP_JSON -> postJson("/v1/logs", LogsRequestMarshaler.create(logs));
        };
    }

    private String compression() {
        return this == GRPC_GZIP || this == HTTP_PROTOBUF_GZIP ? "gzip" : "none";
    }

    private static boolean postJson(String path, Marshaler marshaler) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(Receiver.http(path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestCredentials.ingestAuthorization())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json(marshaler))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).as("the JSON answer of a full success").isEqualTo("{}");
            return response.statusCode() == 200;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] json(Marshaler marshaler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            marshaler.writeJsonTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] protobuf(Marshaler marshaler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            marshaler.writeBinaryTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
