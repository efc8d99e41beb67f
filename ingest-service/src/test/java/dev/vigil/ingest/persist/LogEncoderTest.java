package dev.vigil.ingest.persist;

import static dev.vigil.ingest.wire.WireBytes.concat;
import static dev.vigil.ingest.wire.WireBytes.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.clickhouse.EncodedRows;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogEncoderTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";
    private static final long T0 = 1_700_000_000_123_456_789L;

    @Test
    void encodesEveryColumnOfALogRecord() {
        LogRecord record = LogRecord.newBuilder()
                .setTimeUnixNano(T0).setObservedTimeUnixNano(T0 + 5_000)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN2).setSeverityText("WARN")
                .setBody(str("payment declined: <card> & \"limit\""))
                .addAttributes(kv("case", str("full")))
                .addAttributes(kv("attempt", AnyValue.newBuilder().setIntValue(3).build()))
                .addAttributes(kv("amount", AnyValue.newBuilder().setDoubleValue(12.5).build()))
                .addAttributes(kv("retry", AnyValue.newBuilder().setBoolValue(true).build()))
                // The flags' high bits are not trace flags: the column keeps the low 8.
                .setFlags(0x101).setTraceId(id(TRACE)).setSpanId(id(SPAN)).setEventName("checkout.declined")
                .build();
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("k8s.namespace.name", str("shop")))
                        .addAttributes(kv("service.name", str("checkout"))))
                .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
                .addScopeLogs(ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("com.example.checkout").setVersion("2.1.0")
                                .addAttributes(kv("team", str("payments"))))
                        .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0")
                        .addLogRecords(record)))
                .build();

        Row row = only(request);

        assertThat(row.timestamp()).isEqualTo(T0);
        assertThat(row.traceId()).isEqualTo(TRACE);
        assertThat(row.spanId()).isEqualTo(SPAN);
        assertThat(row.traceFlags()).isEqualTo(1);
        assertThat(row.severityText()).isEqualTo("WARN");
        assertThat(row.severityNumber()).isEqualTo(14);
        assertThat(row.serviceName()).isEqualTo("checkout");
        assertThat(row.body()).isEqualTo("payment declined: <card> & \"limit\"");
        assertThat(row.resourceSchemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.26.0");
        assertThat(row.resourceAttributes()).containsExactly(Map.entry("k8s.namespace.name", "shop"),
                Map.entry("service.name", "checkout"));
        assertThat(row.scopeSchemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.21.0");
        assertThat(row.scopeName()).isEqualTo("com.example.checkout");
        assertThat(row.scopeVersion()).isEqualTo("2.1.0");
        assertThat(row.scopeAttributes()).containsExactly(Map.entry("team", "payments"));
        assertThat(row.logAttributes()).containsExactly(Map.entry("case", "full"), Map.entry("attempt", "3"),
                Map.entry("amount", "12.5"), Map.entry("retry", "true"));
        assertThat(row.eventName()).isEqualTo("checkout.declined");
    }

    @Test
    void takesTheObservedTimeOfARecordWithoutOneAndLeavesAbsentAndAllZeroIdsEmpty() {
        LogRecord record = LogRecord.newBuilder().setObservedTimeUnixNano(T0 + 9_000)
                .setTraceId(ByteString.copyFrom(new byte[16])).setBody(str("late")).build();

        Row row = only(request(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(), record));

        assertThat(row.timestamp()).isEqualTo(T0 + 9_000);
        assertThat(List.of(row.traceId(), row.spanId(), row.serviceName(), row.severityText(), row.eventName()))
                .containsOnly("");
        assertThat(row.traceFlags()).isZero();
        assertThat(row.severityNumber()).isZero();
        assertThat(rows(request(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(),
                LogRecord.getDefaultInstance())).getFirst().timestamp()).isZero();
    }

    @Test
    void writesABodyOfEveryKindAsAttributeValuesAreWrittenAndNoBodyAsEmpty() {
        List<AnyValue> bodies = List.of(str("plain text"), AnyValue.newBuilder().setBoolValue(true).build(),
                AnyValue.newBuilder().setIntValue(-42).build(), AnyValue.newBuilder().setDoubleValue(3.25).build(),
                AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3})).build(),
                AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(str("a"))
                        .addValues(AnyValue.newBuilder().setIntValue(1))).build(),
                AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(kv("b", str("x<y")))).build());
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        bodies.forEach(b -> scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(T0).setBody(b)));
        scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(T0));
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope)).build();

        List<String> expected = new ArrayList<>(bodies.stream().map(AttributeStrings::of).toList());
        expected.add("");
        assertThat(rows(request)).extracting(Row::body).containsExactlyElementsOf(expected);
        assertThat(expected).contains("[\"a\",1]", "AQID", "{\"b\":\"x\\u003cy\"}");
    }

    @Test
    void givesEachRecordTheResourceAndScopeItCameWithInOrder() {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("cart"))))
                        .addScopeLogs(scope("http", "a", "b"))
                        .addScopeLogs(scope("db", "c")))
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("checkout")))
                                .addAttributes(kv("service.name", str("second"))))
                        .addScopeLogs(scope("", "d")))
                .build();

        assertThat(rows(request)).extracting(r -> r.body() + ":" + r.serviceName() + ":" + r.scopeName()
                + ":" + r.resourceAttributes()).containsExactly(
                "a:cart:http:{service.name=cart}", "b:cart:http:{service.name=cart}", "c:cart:db:{service.name=cart}",
                // A repeated key keeps its first value, in the service name as in the map.
                "d:checkout::{service.name=checkout}");
    }

    @Test
    void readsFieldsInAnyOrderAndMergesARepeatedMessageAsProtobufDoes() throws Exception {
        // One record in two pieces: protobuf merges the second body into the first.
        byte[] record = concat(LogRecord.newBuilder().setBody(str("first")).setTraceId(id(TRACE)).build().toByteArray(),
                LogRecord.newBuilder().setTimeUnixNano(T0).setBody(AnyValue.newBuilder().setIntValue(7)).build()
                        .toByteArray());
        // The scope's records before its scope, the scope before the resource.
        byte[] resourceLogs = concat(
                field(2, concat(field(2, record), ScopeLogs.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("http")).build().toByteArray())),
                ResourceLogs.newBuilder().setResource(Resource.newBuilder()
                        .addAttributes(kv("service.name", str("cart")))).build().toByteArray());
        byte[] export = field(1, resourceLogs);

        Row row = read(encode(export)).getFirst();

        assertThat(List.of(row.body(), row.traceId(), row.serviceName(), row.scopeName()))
                .containsExactly("7", TRACE, "cart", "http");
        assertThat(row.timestamp()).isEqualTo(T0);
        assertThat(encode(export).rowBinary())
                .isEqualTo(encode(ExportLogsServiceRequest.parseFrom(export).toByteArray()).rowBinary());
    }

    @Test
    void passesOverFieldsItDoesNotKnow() {
        LogRecord record = LogRecord.newBuilder().setTimeUnixNano(T0).setBody(str("x"))
                .addAttributes(kv("k", str("v"))).build();
        ExportLogsServiceRequest request = request(Resource.getDefaultInstance(),
                InstrumentationScope.getDefaultInstance(), record);
        // Field 99 of the record as a varint, a fixed32, a fixed64, a string and a group.
        byte[] unknown = concat(new byte[] {(byte) 0x98, 0x06, 0x01}, new byte[] {(byte) 0x9D, 0x06, 1, 2, 3, 4},
                new byte[] {(byte) 0x99, 0x06, 1, 2, 3, 4, 5, 6, 7, 8}, new byte[] {(byte) 0x9A, 0x06, 2, 'x', 'y'},
                new byte[] {(byte) 0x9B, 0x06, 0x08, 0x01, (byte) 0x9C, 0x06});
        byte[] export = field(1, field(2, field(2, concat(record.toByteArray(), unknown))));

        assertThat(encode(export).rowBinary()).isEqualTo(encode(request.toByteArray()).rowBinary());
    }

    @Test
    void rejectsAStringThatIsNotUtf8AndATruncatedExportAsProtobufDoes() {
        // Severity text (field 3) of two bytes that are not UTF-8.
        byte[] badText = field(1, field(2, field(2, new byte[] {0x1A, 2, (byte) 0xC3, 0x28})));
        byte[] whole = request(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(),
                LogRecord.newBuilder().setBody(str("checkout")).build()).toByteArray();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);

        for (byte[] export : List.of(badText, truncated)) {
            assertThatThrownBy(() -> ExportLogsServiceRequest.parseFrom(export))
                    .isInstanceOf(InvalidProtocolBufferException.class);
            assertThatThrownBy(() -> LogEncoder.encode(export)).isInstanceOf(InvalidProtocolBufferException.class);
        }
    }

    @Test
    void encodesNoRowsForARequestWithoutRecords() {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder())).build();
        assertThat(encode(request.toByteArray()).rows()).isZero();
        assertThat(encode(new byte[0]).rowBinary()).isEmpty();
    }

    private static ScopeLogs scope(String name, String... bodies) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName(name));
        for (String body : bodies) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(T0).setBody(str(body)));
        }
        return scope.build();
    }

    private static ExportLogsServiceRequest request(Resource resource, InstrumentationScope scope, LogRecord record) {
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource)
                        .addScopeLogs(ScopeLogs.newBuilder().setScope(scope).addLogRecords(record)))
                .build();
    }

    private static Row only(ExportLogsServiceRequest request) {
        List<Row> rows = rows(request);
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private static List<Row> rows(ExportLogsServiceRequest request) {
        return read(encode(request.toByteArray()));
    }

    private static EncodedRows encode(byte[] export) {
        try {
            EncodedRows encoded = LogEncoder.encode(export);
            assertThat(encoded.rowEnds()).hasSize(encoded.rows());
            return encoded;
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    /** One row of {@code otel_logs} read back from RowBinary in the order of {@code LogTableWriter.COLUMNS}. */
    record Row(long timestamp, String traceId, String spanId, int traceFlags, String severityText, int severityNumber,
            String serviceName, String body, String resourceSchemaUrl, Map<String, String> resourceAttributes,
            String scopeSchemaUrl, String scopeName, String scopeVersion, Map<String, String> scopeAttributes,
            Map<String, String> logAttributes, String eventName) {
    }

    /** Exactly the rows the value says it holds, each ending where its row end says, and nothing after them. */
    private static List<Row> read(EncodedRows encoded) {
        ByteBuffer in = ByteBuffer.wrap(encoded.rowBinary()).order(ByteOrder.LITTLE_ENDIAN);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < encoded.rows(); i++) {
            rows.add(new Row(in.getLong(), string(in), string(in), in.get() & 0xFF, string(in), in.get() & 0xFF,
                    string(in), string(in), string(in), map(in), string(in), string(in), string(in), map(in), map(in),
                    string(in)));
            assertThat(in.position()).isEqualTo(encoded.rowEnds()[i]);
            assertThat(encoded.timestamps()[i]).isEqualTo(rows.getLast().timestamp());
        }
        assertThat(in.hasRemaining()).isFalse();
        return rows;
    }

    private static int length(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[length(in)];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> map(ByteBuffer in) {
        int size = length(in);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(string(in), string(in));
        }
        return map;
    }
}
