package dev.vigil.ingest.receive;

import static dev.vigil.ingest.receive.RecordSplitterTest.request;
import static dev.vigil.ingest.receive.RecordSplitterTest.resource;
import static dev.vigil.ingest.receive.RecordSplitterTest.scope;
import static dev.vigil.ingest.receive.RecordSplitterTest.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ExportDecoderTest {
    private final ExportDecoder decoder = new ExportDecoder(32);

    private <R extends com.google.protobuf.Message> R decodeAndCheck(OtlpSignal<R> signal, Encoding encoding,
            byte[] body) {
        R request = decoder.decode(signal, encoding, body);
        decoder.check(signal, request);
        return request;
    }

    @Test
    void readsAValidRequest() {
        ExportTraceServiceRequest request = request(resource("a", scope("s", span(1, 1))));
        assertThat(decodeAndCheck(TracesSignal.INSTANCE, Encoding.PROTOBUF, request.toByteArray())).isEqualTo(request);
    }

    @Test
    void readsAnEmptyBodyAsAnEmptyRequest() {
        assertThat(decodeAndCheck(TracesSignal.INSTANCE, Encoding.PROTOBUF, new byte[0]).getResourceSpansCount())
                .isZero();
        assertThat(decodeAndCheck(MetricsSignal.INSTANCE, Encoding.JSON, "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ExportMetricsServiceRequest.getDefaultInstance());
    }

    @Test
    void rejectsBytesThatAreNotProtobuf() {
        // Field 1, length-delimited, claiming 100 bytes of which 2 follow.
        assertThatThrownBy(() -> decoder.decode(TracesSignal.INSTANCE, Encoding.PROTOBUF, new byte[] {0x0A, 100, 1, 2}))
                .isInstanceOf(InvalidExportException.class)
                .hasMessageStartingWith("the body is not a valid protobuf ExportTraceServiceRequest");
    }

    @Test
    void rejectsSpanWithTraceIdOfWrongLength() {
        Span bad = span(1, 1).toBuilder().setTraceId(ByteString.copyFrom(new byte[5])).build();
        ExportTraceServiceRequest request = request(resource("a", scope("s", span(1, 2)), scope("t", span(1, 3), bad)));
        assertThatThrownBy(() -> decodeAndCheck(TracesSignal.INSTANCE, Encoding.PROTOBUF, request.toByteArray()))
                .isInstanceOf(InvalidExportException.class)
                .hasMessage("resource_spans[0].scope_spans[1].spans[1].trace_id has 5 bytes; it must have 16");
    }

    @Test
    void rejectsLinkWithSpanIdOfWrongLength() {
        Span bad = span(1, 1).toBuilder().addLinks(Span.Link.newBuilder()
                .setTraceId(span(2, 2).getTraceId()).setSpanId(ByteString.copyFrom(new byte[9]))).build();
        assertThatThrownBy(() -> decoder.check(TracesSignal.INSTANCE, request(resource("a", scope("s", bad)))))
                .hasMessage("resource_spans[0].scope_spans[0].spans[0].links[0].span_id has 9 bytes; it must have 8");
    }

    @Test
    void acceptsAbsentIds() {
        Span root = span(1, 1).toBuilder().clearParentSpanId().build();
        Span orphan = Span.newBuilder().setName("no ids at all").build();
        assertThatCode(() -> decoder.check(TracesSignal.INSTANCE, request(resource("a", scope("s", root, orphan)))))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsLogRecordWithSpanIdOfWrongLength() {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.getDefaultInstance())
                        .addLogRecords(LogRecord.newBuilder().setSpanId(ByteString.copyFrom(new byte[7])))))
                .build();
        assertThatThrownBy(() -> decoder.check(LogsSignal.INSTANCE, request))
                .hasMessage("resource_logs[0].scope_logs[0].log_records[1].span_id has 7 bytes; it must have 8");
    }

    @Test
    void rejectsExemplarWithTraceIdOfWrongLength() {
        Metric histogram = Metric.newBuilder().setName("latency").setHistogram(Histogram.newBuilder()
                .addDataPoints(HistogramDataPoint.newBuilder()
                        .addExemplars(Exemplar.newBuilder().setTraceId(ByteString.copyFrom(new byte[15])))))
                .build();
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(
                ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("ok")).addMetrics(histogram)))
                .build();
        assertThatThrownBy(() -> decoder.check(MetricsSignal.INSTANCE, request)).hasMessage(
                "resource_metrics[0].scope_metrics[0].metrics[1].histogram.data_points[0].exemplars[0].trace_id"
                        + " has 15 bytes; it must have 16");
    }

    @Test
    void acceptsAttributesNestedToTheLimitAndRejectsOneLevelMore() {
        assertThatCode(() -> decodeAndCheck(LogsSignal.INSTANCE, Encoding.PROTOBUF, DeepValues.protobufLogs(32)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> decodeAndCheck(LogsSignal.INSTANCE, Encoding.PROTOBUF, DeepValues.protobufLogs(33)))
                .isInstanceOf(InvalidExportException.class)
                .hasMessage("resource_logs[0].scope_logs[0].log_records[0].body nests AnyValues more than 32 levels"
                        + " deep (vigil.ingest.receive.max-attribute-depth)");
        assertThatThrownBy(() -> decodeAndCheck(LogsSignal.INSTANCE, Encoding.JSON,
                DeepValues.jsonLogs(33).getBytes(StandardCharsets.UTF_8)))
                .hasMessage("resource_logs[0].scope_logs[0].log_records[0].body nests AnyValues more than 32 levels"
                        + " deep (vigil.ingest.receive.max-attribute-depth)");
    }

    @Test
    void namesTheAttributeOfAKeyValueListNestedTooDeep() {
        AnyValue value = AnyValue.newBuilder().setStringValue("leaf").build();
        for (int i = 0; i < 3; i++) {
            value = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                    .addValues(KeyValue.newBuilder().setKey("k").setValue(value))).build();
        }
        Span span = span(1, 1).toBuilder().addAttributes(KeyValue.newBuilder().setKey("flat")
                .setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(1)))))
                .addAttributes(KeyValue.newBuilder().setKey("deep").setValue(value)).build();
        ExportTraceServiceRequest request = request(resource("a", scope("s", span)));

        assertThatCode(() -> new ExportDecoder(4).check(TracesSignal.INSTANCE, request)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ExportDecoder(3).check(TracesSignal.INSTANCE, request)).hasMessage(
                "resource_spans[0].scope_spans[0].spans[0].attributes[1].value nests AnyValues more than 3 levels deep"
                        + " (vigil.ingest.receive.max-attribute-depth)");
    }

    @Test
    void refusesAHostileDepthWithoutOverflowingTheStack() {
        byte[] protobuf = DeepValues.protobufLogs(200_000);
        assertThatThrownBy(() -> decodeAndCheck(LogsSignal.INSTANCE, Encoding.PROTOBUF, protobuf))
                .isInstanceOf(InvalidExportException.class)
                .hasMessageContaining("the body is not a valid protobuf ExportLogsServiceRequest")
                .hasMessageContaining("too many levels of nesting");
        byte[] json = DeepValues.jsonLogs(200_000).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decodeAndCheck(LogsSignal.INSTANCE, Encoding.JSON, json))
                .isInstanceOf(InvalidExportException.class)
                .hasMessage("the JSON body nests deeper than 156 levels, beyond what"
                        + " vigil.ingest.receive.max-attribute-depth allows");
    }

    @Test
    void readsOtlpJsonWithHexIdsIntegerEnumsAndUnknownFields() {
        String json = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
                 "scopeSpans":[{"scope":{"name":"lib","version":"1.0"},"futureField":{"x":1},
                  "spans":[{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
                   "parentSpanId":"eee19b7ec3c1b173","name":"GET /","kind":2,
                   "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,
                   "attributes":[{"key":"n","value":{"intValue":"42"}}],
                   "links":[{"traceId":"00000000000000000000000000000001","spanId":"0000000000000002"}],
                   "status":{"code":2,"message":"boom"},"unknownNumber":7}]}]}]}
                """;
        HexFormat hex = HexFormat.of();
        ExportTraceServiceRequest expected = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans
                .newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("checkout"))))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1.0"))
                        .addSpans(Span.newBuilder()
                                .setTraceId(ByteString.copyFrom(hex.parseHex("5b8efff798038103d269b633813fc60c")))
                                .setSpanId(ByteString.copyFrom(hex.parseHex("eee19b7ec3c1b174")))
                                .setParentSpanId(ByteString.copyFrom(hex.parseHex("eee19b7ec3c1b173")))
                                .setName("GET /").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                                .setStartTimeUnixNano(1544712660000000000L).setEndTimeUnixNano(1544712661000000000L)
                                .addAttributes(KeyValue.newBuilder().setKey("n")
                                        .setValue(AnyValue.newBuilder().setIntValue(42)))
                                .addLinks(Span.Link.newBuilder()
                                        .setTraceId(ByteString.copyFrom(hex.parseHex("00000000000000000000000000000001")))
                                        .setSpanId(ByteString.copyFrom(hex.parseHex("0000000000000002"))))
                                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                                        .setMessage("boom")))))
                .build();

        assertThat(decodeAndCheck(TracesSignal.INSTANCE, Encoding.JSON, json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(expected);
    }

    @Test
    void readsHexIdsOfLogRecordsAndExemplarsInJson() {
        String logs = """
                {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"0102030405060708090a0b0c0d0e0f10",
                 "spanId":"1112131415161718","severityNumber":9,"body":{"stringValue":"hello"}}]}]}]}""";
        LogRecord log = decodeAndCheck(LogsSignal.INSTANCE, Encoding.JSON, logs.getBytes(StandardCharsets.UTF_8))
                .getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(HexFormat.of().formatHex(log.getTraceId().toByteArray())).isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(HexFormat.of().formatHex(log.getSpanId().toByteArray())).isEqualTo("1112131415161718");
        assertThat(log.getSeverityNumberValue()).isEqualTo(9);

        String metrics = """
                {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","sum":{"aggregationTemporality":2,
                 "isMonotonic":true,"dataPoints":[{"asInt":"3","exemplars":[{"asDouble":1.5,
                 "traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"1112131415161718"}]}]}}]}]}]}""";
        Exemplar exemplar = decodeAndCheck(MetricsSignal.INSTANCE, Encoding.JSON,
                metrics.getBytes(StandardCharsets.UTF_8)).getResourceMetrics(0).getScopeMetrics(0).getMetrics(0)
                .getSum().getDataPoints(0).getExemplars(0);
        assertThat(HexFormat.of().formatHex(exemplar.getTraceId().toByteArray()))
                .isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(HexFormat.of().formatHex(exemplar.getSpanId().toByteArray())).isEqualTo("1112131415161718");
    }

    @Test
    void rejectsAnIdThatIsNotHexAndNamesIt() {
        String json = """
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"not-hex","name":"x"}]}]}]}""";
        assertThatThrownBy(() -> decoder.decode(TracesSignal.INSTANCE, Encoding.JSON,
                json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidExportException.class)
                .hasMessage("resourceSpans[0].scopeSpans[0].spans[0].traceId is not a hex string: 'not-hex'");
    }

    @Test
    void rejectsInvalidJson() {
        assertThatThrownBy(() -> decoder.decode(TracesSignal.INSTANCE, Encoding.JSON,
                "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidExportException.class)
                .hasMessageStartingWith("the body is not valid JSON: Unexpected end-of-input");
        assertThatThrownBy(() -> decoder.decode(TracesSignal.INSTANCE, Encoding.JSON,
                "{\"resourceSpans\": 5}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidExportException.class)
                .hasMessageStartingWith("the body is not a valid OTLP/JSON ExportTraceServiceRequest");
    }

    @Test
    void takesARunOutOfHeapThatTheJsonMappingReportsAsAParseErrorForWhatItIs() {
        // What protobuf's JSON mapping throws when Gson runs out of heap: a parse error, the cause kept.
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        var reported = new com.google.protobuf.InvalidProtocolBufferException("Failed parsing JSON source: JsonReader at"
                + " line 1 column 1 to Json");
        reported.initCause(new com.google.gson.JsonParseException("Failed parsing JSON source", heap));

        assertThat(OtlpJson.exhaustion(reported)).isSameAs(heap);
        assertThat(OtlpJson.exhaustion(new com.google.protobuf.InvalidProtocolBufferException("Expect message object")))
                .as("a body that is wrong").isNull();
    }
}
