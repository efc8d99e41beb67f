package dev.vigil.ingest.receive;

import dev.vigil.devstack.testing.TestCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import dev.vigil.devstack.testing.DevStackResource;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers to bad input, one row per input: the HTTP status and, where the input can arrive over
 * gRPC, the gRPC code, each with a fragment of the message. The same table is in docs/ingest.md.
 * The test profile limits requests to 1 MiB.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class BadInputTest {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final int LIMIT = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** {@code grpc} is null where the input cannot arrive over gRPC (gRPC has no content type or JSON). */
    record Row(String input, String path, String contentType, String contentEncoding, byte[] body, int http,
            io.grpc.Status.Code grpc, String message) {
        @Override
        public String toString() {
            return input;
        }
    }

    static Stream<Row> table() throws IOException {
        byte[] valid = RecordSplitterTest.request(RecordSplitterTest.resource("bad-input",
                RecordSplitterTest.scope("s", RecordSplitterTest.span(1, 1)))).toByteArray();
        byte[] traceId15 = RecordSplitterTest.request(RecordSplitterTest.resource("bad-input",
                RecordSplitterTest.scope("s", RecordSplitterTest.span(1, 1).toBuilder()
                        .setTraceId(ByteString.copyFrom(new byte[15])).build()))).toByteArray();
        byte[] corruptGzip = GzipBodyTest.gzip(valid);
        Arrays.fill(corruptGzip, 10, corruptGzip.length - 8, (byte) 0x55);
        return Stream.of(
                new Row("truncated protobuf", "/v1/traces", PROTOBUF, null, Arrays.copyOf(valid, valid.length - 3),
                        400, io.grpc.Status.Code.INVALID_ARGUMENT,
                        "the body is not a valid protobuf ExportTraceServiceRequest: While parsing a protocol message,"
                                + " the input ended unexpectedly"),
                new Row("wrong content type", "/v1/traces", "text/plain", null, valid, 415, null,
                        "Content-Type 'text/plain' is not supported; send application/x-protobuf or application/json"),
                new Row("unsupported content encoding", "/v1/traces", PROTOBUF, "br", valid, 415, null,
                        "Content-Encoding 'br' is not supported; send gzip or identity"),
                new Row("invalid JSON", "/v1/traces", JSON, null, utf8("{\"resourceSpans\":[{]}"), 400, null,
                        "the body is not valid JSON: Unexpected close marker ']': expected '}' (for Object starting at"
                                + " [line: 1, column: 19]) at line 1, column 20"),
                new Row("trace id of 15 bytes", "/v1/traces", PROTOBUF, null, traceId15, 400,
                        io.grpc.Status.Code.INVALID_ARGUMENT,
                        "resource_spans[0].scope_spans[0].spans[0].trace_id has 15 bytes; it must have 16"),
                new Row("trace id of 15 bytes in JSON", "/v1/traces", JSON, null, utf8("""
                        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"000102030405060708090a0b0c0d0e",
                        "spanId":"0001020304050607"}]}]}]}"""), 400, null,
                        "resource_spans[0].scope_spans[0].spans[0].trace_id has 15 bytes; it must have 16"),
                new Row("trace id that is not hex in JSON", "/v1/traces", JSON, null, utf8("""
                        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz"}]}]}]}"""), 400, null,
                        "resourceSpans[0].scopeSpans[0].spans[0].traceId is not a hex string: 'zz'"),
                new Row("body over the limit", "/v1/traces", PROTOBUF, null, oversized(), 413,
                        io.grpc.Status.Code.RESOURCE_EXHAUSTED, "1048576"),
                new Row("gzip body over the limit once decompressed", "/v1/traces", PROTOBUF, "gzip",
                        GzipBodyTest.gzip(oversized()), 413, null,
                        "the body decompresses to more than 1048576 bytes"),
                new Row("corrupt gzip", "/v1/traces", PROTOBUF, "gzip", corruptGzip, 400, null,
                        "the body is not valid gzip: "),
                new Row("AnyValue nested one level too deep", "/v1/logs", PROTOBUF, null, DeepValues.protobufLogs(33),
                        400, io.grpc.Status.Code.INVALID_ARGUMENT, "resource_logs[0].scope_logs[0].log_records[0].body"
                                + " nests AnyValues more than 32 levels deep (vigil.ingest.receive.max-attribute-depth)"),
                new Row("AnyValue nested 100000 levels deep", "/v1/logs", PROTOBUF, null,
                        DeepValues.protobufLogs(100_000), 400, io.grpc.Status.Code.INVALID_ARGUMENT,
                        "the body is not a valid protobuf ExportLogsServiceRequest: Protocol message had too many"
                                + " levels of nesting"),
                new Row("AnyValue nested 20000 levels deep in JSON", "/v1/logs", JSON, null,
                        utf8(DeepValues.jsonLogs(20_000)), 400, null, "the JSON body nests deeper than 156 levels"),
                new Row("an empty request", "/v1/traces", PROTOBUF, null, new byte[0], 200, io.grpc.Status.Code.OK, ""),
                new Row("an empty request in JSON", "/v1/metrics", JSON, null, utf8("{}"), 200, null, ""),
                new Row("unknown fields", "/v1/traces", PROTOBUF, null, withUnknownField(valid), 200,
                        io.grpc.Status.Code.OK, ""),
                new Row("unknown fields in JSON", "/v1/logs", JSON, null, utf8("""
                        {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"x"},
                        "fieldOfTomorrow":{"a":[1,2]}}],"other":1}]}],"extra":"ignored"}"""), 200, null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void answersBadInputOverHttp(Row row) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Receiver.http(row.path()))
                .header("Content-Type", row.contentType()).header("Authorization", TestCredentials.ingestAuthorization())
                .POST(HttpRequest.BodyPublishers.ofByteArray(row.body()));
        if (row.contentEncoding() != null) {
            request.header("Content-Encoding", row.contentEncoding());
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(row.http());
        String answerType = row.contentType().equals(JSON) ? JSON : PROTOBUF;
        assertThat(response.headers().firstValue("Content-Type")).hasValue(answerType);
        assertThat(response.headers().firstValue("Retry-After")).as("a final answer has no Retry-After").isEmpty();
        if (row.http() == 200) {
            assertThat(response.body()).isEqualTo(answerType.equals(JSON) ? utf8("{}") : new byte[0]);
            return;
        }
        Status status = status(response.body(), answerType);
        assertThat(status.getMessage()).contains(row.message());
        assertThat(status.getCode()).isEqualTo(ExportStatus.of(exceptionFor(row.http())).grpcCode());
        assertThat(status.getDetailsList()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void answersBadInputOverGrpc(Row row) throws InvalidProtocolBufferException {
        if (row.grpc() == null) {
            return;
        }
        String service = row.path().equals("/v1/logs") ? LogsServiceGrpc.SERVICE_NAME : TraceServiceGrpc.SERVICE_NAME;
        if (row.grpc() == io.grpc.Status.Code.OK) {
            byte[] response = GrpcExport.call(service, row.body());
            assertThat(ExportTraceServiceResponse.parseFrom(response))
                    .isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
            return;
        }
        StatusRuntimeException refusal = catchThrowableOfType(StatusRuntimeException.class,
                () -> GrpcExport.call(service, row.body()));
        assertThat(refusal.getStatus().getCode()).isEqualTo(row.grpc());
        assertThat(refusal.getStatus().getDescription()).contains(row.message());
        Status details = StatusProto.fromThrowable(refusal);
        if (row.grpc() == io.grpc.Status.Code.INVALID_ARGUMENT) {
            assertThat(details).as("the receiver's own refusals carry a google.rpc.Status").isNotNull();
            assertThat(details.getDetailsList()).as("no RetryInfo on a final refusal").isEmpty();
        }
    }

    @Test
    void countsRefusedRequestsAcceptedAndRejectedItemsAndRequestBytes() throws Exception {
        Metrics before = Metrics.scrape();
        byte[] invalid = RecordSplitterTest.request(RecordSplitterTest.resource("metrics-check",
                RecordSplitterTest.scope("s", RecordSplitterTest.span(2, 1), RecordSplitterTest.span(2, 2).toBuilder()
                        .setSpanId(ByteString.copyFrom(new byte[3])).build()))).toByteArray();
        byte[] valid = RecordSplitterTest.request(RecordSplitterTest.resource("metrics-check",
                RecordSplitterTest.scope("s", RecordSplitterTest.span(3, 1), RecordSplitterTest.span(3, 2),
                        RecordSplitterTest.span(4, 3)))).toByteArray();

        assertThat(post("/v1/traces", invalid).statusCode()).isEqualTo(400);
        assertThat(post("/v1/traces", valid).statusCode()).isEqualTo(200);
        assertThat(catchThrowableOfType(StatusRuntimeException.class,
                () -> GrpcExport.call(TraceServiceGrpc.SERVICE_NAME, invalid)).getStatus().getCode())
                .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);

        Metrics after = Metrics.scrape();
        assertThat(after.delta(before, "vigil_ingest_items_accepted_total", "signal=traces")).isEqualTo(3.0);
        assertThat(after.delta(before, "vigil_ingest_items_rejected_total", "signal=traces", "reason=invalid"))
                .isEqualTo(4.0);
        assertThat(after.delta(before, "vigil_ingest_requests_refused_total", "signal=traces", "transport=http",
                "status=400")).isEqualTo(1.0);
        assertThat(after.delta(before, "vigil_ingest_requests_refused_total", "signal=traces", "transport=grpc",
                "status=INVALID_ARGUMENT")).isEqualTo(1.0);
        assertThat(after.delta(before, "vigil_ingest_request_bytes_count", "signal=traces", "transport=http"))
                .isEqualTo(2.0);
        assertThat(after.delta(before, "vigil_ingest_request_bytes_sum", "signal=traces", "transport=http"))
                .isEqualTo((double) (invalid.length + valid.length));
        assertThat(after.delta(before, "vigil_ingest_request_bytes_count", "signal=traces", "transport=grpc"))
                .isEqualTo(1.0);
    }

    private static HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(Receiver.http(path)).header("Content-Type", PROTOBUF)
                .header("Authorization", TestCredentials.ingestAuthorization())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static RuntimeException exceptionFor(int http) {
        return switch (http) {
            case 400 -> new InvalidExportException("");
            case 413 -> new RequestTooLargeException("");
            case 415 -> new UnsupportedContentTypeException("");
            default -> throw new IllegalArgumentException("no refusal with HTTP " + http + " in the table");
        };
    }

    private static Status status(byte[] body, String contentType) throws InvalidProtocolBufferException {
        if (contentType.equals(JSON)) {
            Status.Builder status = Status.newBuilder();
            JsonFormat.parser().merge(new String(body, StandardCharsets.UTF_8), status);
            return status.build();
        }
        return Status.parseFrom(body);
    }

    /** A valid trace export just over the 1 MiB limit of the test profile. */
    private static byte[] oversized() {
        return RecordSplitterTest.request(RecordSplitterTest.resource("big", RecordSplitterTest.scope("s",
                RecordSplitterTest.span(1, 1).toBuilder().setName("n".repeat(LIMIT)).build()))).toByteArray();
    }

    /** The request with a field number OTLP does not use appended: protobuf readers must skip it. */
    private static byte[] withUnknownField(byte[] request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(request);
        CodedOutputStream extra = CodedOutputStream.newInstance(out);
        extra.writeString(99, "from a newer OTLP");
        extra.flush();
        ExportTraceServiceRequest parsed = ExportTraceServiceRequest.parseFrom(out.toByteArray());
        assertThat(parsed.getUnknownFields().hasField(99)).isTrue();
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The Prometheus text of {@code /q/metrics}, read for the sum of the series that carry given labels. */
    record Metrics(List<String> lines) {
        static Metrics scrape() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(Receiver.http("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return new Metrics(response.body().lines().toList());
        }

        double value(String name, String... labels) {
            double sum = 0;
            for (String line : lines) {
                if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                    continue;
                }
                boolean all = true;
                for (String label : labels) {
                    String[] kv = label.split("=", 2);
                    all &= line.contains(kv[0] + "=\"" + kv[1] + "\"");
                }
                if (all) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        }

        double delta(Metrics before, String name, String... labels) {
            return value(name, labels) - before.value(name, labels);
        }
    }
}
