package dev.vigil.ingest.persist;

import static dev.vigil.ingest.wire.WireBytes.concat;
import static dev.vigil.ingest.wire.WireBytes.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.clickhouse.EncodedRows;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanEncoderTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";
    private static final String PARENT = "00f067aa0ba902b7";
    private static final String LINKED_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String LINKED_SPAN = "00f067aa0ba902b8";

    @Test
    void encodesEveryColumnOfASpan() {
        Span span = Span.newBuilder()
                .setTraceId(id(TRACE)).setSpanId(id(SPAN)).setParentSpanId(id(PARENT))
                .setTraceState("vendor=1")
                .setName("GET /orders")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(1_700_000_000_123_456_789L)
                .setEndTimeUnixNano(1_700_000_000_623_456_789L)
                .addAttributes(kv("http.response.status_code", AnyValue.newBuilder().setIntValue(500).build()))
                .addAttributes(kv("retry", AnyValue.newBuilder().setBoolValue(true).build()))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(1_700_000_000_200_000_000L).setName("exception")
                        .addAttributes(kv("exception.type", str("IOException")))
                        .addAttributes(kv("exception.escaped", AnyValue.newBuilder().setBoolValue(false).build())))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(1_700_000_000_300_000_000L).setName("retry"))
                .addLinks(Span.Link.newBuilder().setTraceId(id(LINKED_TRACE)).setSpanId(id(LINKED_SPAN))
                        .setTraceState("k=v").addAttributes(kv("link.kind", str("follows"))))
                .addLinks(Span.Link.newBuilder().setTraceId(id(TRACE)).setSpanId(id(PARENT)))
                .build();
        ExportTraceServiceRequest request = request(Resource.newBuilder()
                .addAttributes(kv("service.name", str("orders")))
                .addAttributes(kv("host.name", str("node-1"))).build(),
                InstrumentationScope.newBuilder().setName("io.opentelemetry.http").setVersion("2.1.0").build(),
                span);

        EncodedRows encoded = encode(request);

        assertThat(encoded.rows()).isEqualTo(1);
        SpanRowsReader.Row row = SpanRowsReader.read(encoded).getFirst();
        assertThat(row.timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(row.traceId()).isEqualTo(TRACE);
        assertThat(row.spanId()).isEqualTo(SPAN);
        assertThat(row.parentSpanId()).isEqualTo(PARENT);
        assertThat(row.traceState()).isEqualTo("vendor=1");
        assertThat(row.spanName()).isEqualTo("GET /orders");
        assertThat(row.spanKind()).isEqualTo("Server");
        assertThat(row.serviceName()).isEqualTo("orders");
        assertThat(row.resourceAttributes()).containsExactly(entry("service.name", "orders"), entry("host.name", "node-1"));
        assertThat(row.scopeName()).isEqualTo("io.opentelemetry.http");
        assertThat(row.scopeVersion()).isEqualTo("2.1.0");
        assertThat(row.spanAttributes()).containsExactly(entry("http.response.status_code", "500"), entry("retry", "true"));
        assertThat(row.durationNanos()).isEqualTo(500_000_000L);
        assertThat(row.statusCode()).isEqualTo("Error");
        assertThat(row.statusMessage()).isEqualTo("boom");
        assertThat(row.events()).containsExactly(
                new SpanRowsReader.Event(1_700_000_000_200_000_000L, "exception",
                        Map.of("exception.type", "IOException", "exception.escaped", "false")),
                new SpanRowsReader.Event(1_700_000_000_300_000_000L, "retry", Map.of()));
        assertThat(row.links()).containsExactly(
                new SpanRowsReader.Link(LINKED_TRACE, LINKED_SPAN, "k=v", Map.of("link.kind", "follows")),
                new SpanRowsReader.Link(TRACE, PARENT, "", Map.of()));
    }

    @Test
    void writesIdsAsLowercaseHexOfEveryByte() {
        String high = "ffeeddccbbaa99887766554433221100";
        Span span = Span.newBuilder().setTraceId(id(high)).setSpanId(id("80000000000000ff")).build();
        SpanRowsReader.Row row = only(request(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(),
                span));
        assertThat(row.traceId()).isEqualTo(high);
        assertThat(row.spanId()).isEqualTo("80000000000000ff");
    }

    @Test
    void writesKindsAndStatusesAsPdataNamesThem() {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (Span.SpanKind kind : Span.SpanKind.values()) {
            if (kind != Span.SpanKind.UNRECOGNIZED) {
                scope.addSpans(Span.newBuilder().setKind(kind));
            }
        }
        for (Status.StatusCode code : Status.StatusCode.values()) {
            if (code != Status.StatusCode.UNRECOGNIZED) {
                scope.addSpans(Span.newBuilder().setStatus(Status.newBuilder().setCode(code)));
            }
        }
        // Values a newer sender may use that this version of OTLP does not know.
        scope.addSpans(Span.newBuilder().setKindValue(42).setStatus(Status.newBuilder().setCodeValue(42)));
        List<SpanRowsReader.Row> rows = SpanRowsReader.read(encode(ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build()));
        assertThat(rows).extracting(SpanRowsReader.Row::spanKind).containsExactly(
                "Unspecified", "Internal", "Server", "Client", "Producer", "Consumer",
                "Unspecified", "Unspecified", "Unspecified", "");
        assertThat(rows).extracting(SpanRowsReader.Row::statusCode).containsExactly(
                "Unset", "Unset", "Unset", "Unset", "Unset", "Unset",
                "Unset", "Ok", "Error", "");
    }

    @Test
    void leavesAbsentAndAllZeroIdsAndAMissingServiceNameEmpty() {
        Span allZeroParent = Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id(SPAN))
                .setParentSpanId(ByteString.copyFrom(new byte[8]))
                .addLinks(Span.Link.newBuilder().setTraceId(ByteString.copyFrom(new byte[16])))
                .build();
        Span noParent = Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id(PARENT)).build();
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(allZeroParent).addSpans(noParent).addSpans(Span.getDefaultInstance())))
                .build();
        List<SpanRowsReader.Row> rows = SpanRowsReader.read(encode(request));
        assertThat(rows).extracting(SpanRowsReader.Row::parentSpanId).containsOnly("");
        assertThat(rows.get(2).traceId()).isEmpty();
        assertThat(rows.get(2).spanId()).isEmpty();
        assertThat(rows.getFirst().links()).containsExactly(new SpanRowsReader.Link("", "", "", Map.of()));
        for (SpanRowsReader.Row row : rows) {
            assertThat(row.serviceName()).isEmpty();
            assertThat(row.resourceAttributes()).isEmpty();
            assertThat(row.scopeName()).isEmpty();
            assertThat(row.scopeVersion()).isEmpty();
        }
        assertThat(rows.get(1).events()).isEmpty();
        assertThat(rows.get(1).links()).isEmpty();
    }

    @Test
    void storesNoDurationForASpanThatEndsBeforeItStarts() {
        Span span = Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id(SPAN))
                .setStartTimeUnixNano(2_000).setEndTimeUnixNano(1_000).build();
        assertThat(only(request(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(), span))
                .durationNanos()).isZero();
    }

    @Test
    void storesNoDurationForASpanThatEndsBeyondTheNanosecondsAnInt64Holds() {
        // An end of 2^64 - 1 ns: start + duration would overflow the Int64 end of the trace's summary.
        Span span = Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id(SPAN))
                .setStartTimeUnixNano(1_700_000_000_000_000_000L).setEndTimeUnixNano(-1L).build();
        assertThat(only(request(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(), span))
                .durationNanos()).isZero();
    }

    @Test
    void keepsTheFirstValueOfARepeatedAttributeKey() {
        Resource resource = Resource.newBuilder()
                .addAttributes(kv("service.name", str("first")))
                .addAttributes(kv("host.name", str("node-1")))
                .addAttributes(kv("service.name", str("second")))
                .build();
        Span span = Span.newBuilder()
                .addAttributes(kv("a", str("1")))
                .addAttributes(kv("b", str("x")))
                .addAttributes(kv("a", str("2")))
                .addAttributes(kv("c", AnyValue.newBuilder().setIntValue(3).build()))
                .addAttributes(kv("b", str("y")))
                .addEvents(Span.Event.newBuilder().setName("e")
                        .addAttributes(kv("k", str("event-first"))).addAttributes(kv("k", str("event-second"))))
                .addLinks(Span.Link.newBuilder()
                        .addAttributes(kv("k", str("link-first"))).addAttributes(kv("k", str("link-second"))))
                .build();
        SpanRowsReader.Row row = only(request(resource, InstrumentationScope.getDefaultInstance(), span));
        assertThat(row.serviceName()).isEqualTo("first");
        assertThat(row.resourceAttributes()).containsExactly(entry("service.name", "first"), entry("host.name", "node-1"));
        assertThat(row.spanAttributes()).containsExactly(entry("a", "1"), entry("b", "x"), entry("c", "3"));
        assertThat(row.events().getFirst().attributes()).containsExactly(entry("k", "event-first"));
        assertThat(row.links().getFirst().attributes()).containsExactly(entry("k", "link-first"));
    }

    @Test
    void keepsTheFirstValueOfAKeyRepeatedLateInALongList() {
        Span.Builder span = Span.newBuilder();
        for (int i = 0; i < 100; i++) {
            span.addAttributes(kv("key." + i, str("value." + i)));
        }
        span.addAttributes(kv("key.0", str("again")));
        Map<String, String> attributes = only(request(Resource.getDefaultInstance(),
                InstrumentationScope.getDefaultInstance(), span.build())).spanAttributes();
        assertThat(attributes).hasSize(100).containsEntry("key.0", "value.0").containsEntry("key.99", "value.99");
        assertThat(attributes.keySet()).first().isEqualTo("key.0");
    }

    @Test
    void writesEveryKindOfAttributeValueAsTheExporterDoes() {
        Span span = Span.newBuilder()
                .addAttributes(kv("string", str("plain")))
                .addAttributes(kv("bool", AnyValue.newBuilder().setBoolValue(true).build()))
                .addAttributes(kv("int", AnyValue.newBuilder().setIntValue(-42).build()))
                .addAttributes(kv("double", AnyValue.newBuilder().setDoubleValue(1.5).build()))
                .addAttributes(kv("double.large", AnyValue.newBuilder().setDoubleValue(1e21).build()))
                .addAttributes(kv("double.nan", AnyValue.newBuilder().setDoubleValue(Double.NaN).build()))
                .addAttributes(kv("bytes", AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3})).build()))
                .addAttributes(kv("array", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(str("a")).addValues(AnyValue.newBuilder().setIntValue(1))
                        .addValues(AnyValue.newBuilder().setBoolValue(true))).build()))
                .addAttributes(kv("kvlist", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("z", AnyValue.newBuilder().setIntValue(1).build()))
                        .addValues(kv("a", str("<x>")))).build()))
                .addAttributes(kv("empty", AnyValue.getDefaultInstance()))
                .build();
        assertThat(only(request(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(), span))
                .spanAttributes()).containsExactly(
                        entry("string", "plain"),
                        entry("bool", "true"),
                        entry("int", "-42"),
                        entry("double", "1.5"),
                        entry("double.large", "1e+21"),
                        entry("double.nan", "json: unsupported value: NaN"),
                        entry("bytes", "AQID"),
                        entry("array", "[\"a\",1,true]"),
                        entry("kvlist", "{\"a\":\"\\u003cx\\u003e\",\"z\":1}"),
                        entry("empty", ""));
    }

    @Test
    void givesEachSpanTheResourceAndScopeItCameWithInOrder() {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("cart")))
                                .addAttributes(kv("zone", str("a"))))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("http").setVersion("1"))
                                .addSpans(Span.newBuilder().setName("a1"))
                                .addSpans(Span.newBuilder().setName("a2")))
                        .addScopeSpans(ScopeSpans.newBuilder())
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("db"))
                                .addSpans(Span.newBuilder().setName("a3"))))
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("idle")))))
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("payments"))))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("grpc").setVersion("2"))
                                .addSpans(Span.newBuilder().setName("b1"))))
                .build();

        EncodedRows encoded = encode(request);

        assertThat(encoded.rows()).isEqualTo(4);
        List<SpanRowsReader.Row> rows = SpanRowsReader.read(encoded);
        assertThat(rows).extracting(r -> String.join(" ", r.spanName(), r.serviceName(),
                r.resourceAttributes().toString(), r.scopeName(), r.scopeVersion()))
                .containsExactly(
                        "a1 cart {service.name=cart, zone=a} http 1",
                        "a2 cart {service.name=cart, zone=a} http 1",
                        "a3 cart {service.name=cart, zone=a} db ",
                        "b1 payments {service.name=payments} grpc 2");
    }

    @Test
    void keepsNonAsciiStringsByteForByte() {
        String longAscii = "x".repeat(100);
        String longAccented = "é".repeat(100);
        Span span = Span.newBuilder()
                .setName("Grüße 🚀 東京")
                .setTraceState("vendor=ü")
                .addAttributes(kv("ключ", str("värde ✓ 𝄞")))
                .addAttributes(kv("long.ascii", str(longAscii)))
                .addAttributes(kv("long.accented", str(longAccented)))
                .setStatus(Status.newBuilder().setMessage("échec"))
                .addEvents(Span.Event.newBuilder().setName("événement").addAttributes(kv("π", str("3.14"))))
                .addLinks(Span.Link.newBuilder().setTraceState("k=ß").addAttributes(kv("ø", str("å"))))
                .build();
        ExportTraceServiceRequest request = request(
                Resource.newBuilder().addAttributes(kv("service.name", str("zahlungsdienst-ä"))).build(),
                InstrumentationScope.newBuilder().setName("bibliothèque").setVersion("1.0-β").build(), span);

        SpanRowsReader.Row row = only(request);

        assertThat(row.spanName()).isEqualTo("Grüße 🚀 東京");
        assertThat(row.traceState()).isEqualTo("vendor=ü");
        assertThat(row.serviceName()).isEqualTo("zahlungsdienst-ä");
        assertThat(row.resourceAttributes()).containsExactly(entry("service.name", "zahlungsdienst-ä"));
        assertThat(row.scopeName()).isEqualTo("bibliothèque");
        assertThat(row.scopeVersion()).isEqualTo("1.0-β");
        assertThat(row.spanAttributes()).containsExactly(entry("ключ", "värde ✓ 𝄞"), entry("long.ascii", longAscii),
                entry("long.accented", longAccented));
        assertThat(row.statusMessage()).isEqualTo("échec");
        assertThat(row.events()).containsExactly(new SpanRowsReader.Event(0, "événement", Map.of("π", "3.14")));
        assertThat(row.links()).containsExactly(new SpanRowsReader.Link("", "", "k=ß", Map.of("ø", "å")));
    }

    @Test
    void encodesNoRowsForARequestWithoutSpans() {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("idle"))))
                        .addScopeSpans(ScopeSpans.newBuilder()))
                .build();
        EncodedRows encoded = encode(request);
        assertThat(encoded.rows()).isZero();
        assertThat(encoded.rowBinary()).isEmpty();
        assertThat(encode(ExportTraceServiceRequest.getDefaultInstance()).rows()).isZero();
    }

    @Test
    void readsFieldsInAnyOrderAndMergesARepeatedMessageAsProtobufDoes() throws Exception {
        // One span in two pieces: protobuf merges the second into the first, the second status into the first's.
        byte[] span = concat(Span.newBuilder().setName("first").setTraceId(id(TRACE))
                        .setStatus(Status.newBuilder().setMessage("timed out")).build().toByteArray(),
                Span.newBuilder().setName("checkout").setSpanId(id(SPAN))
                        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)).build().toByteArray());
        // Its scope's spans before the resource they belong to, the span before its scope.
        byte[] resourceSpans = concat(
                field(2, concat(field(2, span), ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("http")).build().toByteArray())),
                ResourceSpans.newBuilder().setResource(Resource.newBuilder()
                        .addAttributes(kv("service.name", str("cart")))).build().toByteArray());
        byte[] export = field(1, resourceSpans);

        SpanRowsReader.Row row = SpanRowsReader.read(encode(export)).getFirst();

        assertThat(List.of(row.spanName(), row.traceId(), row.spanId(), row.serviceName(), row.scopeName(),
                row.statusCode(), row.statusMessage()))
                .containsExactly("checkout", TRACE, SPAN, "cart", "http", "Error", "timed out");
        assertThat(encode(export).rowBinary())
                .isEqualTo(encode(ExportTraceServiceRequest.parseFrom(export)).rowBinary());
    }

    @Test
    void passesOverFieldsItDoesNotKnow() {
        Span span = Span.newBuilder().setName("checkout").addAttributes(kv("k", str("v"))).build();
        ExportTraceServiceRequest request = request(Resource.getDefaultInstance(),
                InstrumentationScope.getDefaultInstance(), span);
        // Field 99 of the span as a varint, a fixed32, a fixed64, a string and a group.
        byte[] unknown = concat(new byte[] {(byte) 0x98, 0x06, 0x01}, new byte[] {(byte) 0x9D, 0x06, 1, 2, 3, 4},
                new byte[] {(byte) 0x99, 0x06, 1, 2, 3, 4, 5, 6, 7, 8}, new byte[] {(byte) 0x9A, 0x06, 2, 'x', 'y'},
                new byte[] {(byte) 0x9B, 0x06, 0x08, 0x01, (byte) 0x9C, 0x06});
        byte[] export = field(1, field(2, field(2, concat(span.toByteArray(), unknown))));

        assertThat(encode(export).rowBinary()).isEqualTo(encode(request).rowBinary());
    }

    @Test
    void rejectsAStringThatIsNotUtf8AndATruncatedExportAsProtobufDoes() {
        byte[] badName = field(1, field(2, field(2, new byte[] {0x2A, 2, (byte) 0xC3, 0x28})));
        byte[] whole = request(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(),
                Span.newBuilder().setName("checkout").build()).toByteArray();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);

        for (byte[] export : List.of(badName, truncated)) {
            assertThatThrownBy(() -> ExportTraceServiceRequest.parseFrom(export))
                    .isInstanceOf(InvalidProtocolBufferException.class);
            assertThatThrownBy(() -> SpanEncoder.encode(export)).isInstanceOf(InvalidProtocolBufferException.class);
        }
    }

    /** As the persist stage encodes a record: from the request's bytes. */
    private static EncodedRows encode(ExportTraceServiceRequest request) {
        return encode(request.toByteArray());
    }

    private static EncodedRows encode(byte[] export) {
        try {
            return SpanEncoder.encode(export);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static SpanRowsReader.Row only(ExportTraceServiceRequest request) {
        List<SpanRowsReader.Row> rows = SpanRowsReader.read(encode(request));
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private static ExportTraceServiceRequest request(Resource resource, InstrumentationScope scope, Span span) {
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource)
                        .addScopeSpans(ScopeSpans.newBuilder().setScope(scope).addSpans(span)))
                .build();
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
