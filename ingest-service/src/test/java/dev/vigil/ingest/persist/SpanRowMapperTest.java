package dev.vigil.ingest.persist;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vigil.ingest.clickhouse.SpanRow;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanRowMapperTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";
    private static final String PARENT = "00f067aa0ba902b7";
    private static final String LINKED_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String LINKED_SPAN = "00f067aa0ba902b8";

    @Test
    void mapsEveryColumnOfASpan() {
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
                        .addAttributes(kv("exception.type", str("IOException"))))
                .addLinks(Span.Link.newBuilder().setTraceId(id(LINKED_TRACE)).setSpanId(id(LINKED_SPAN))
                        .setTraceState("k=v").addAttributes(kv("link.kind", str("follows"))))
                .build();
        ExportTraceServiceRequest request = request(Resource.newBuilder()
                .addAttributes(kv("service.name", str("orders")))
                .addAttributes(kv("host.name", str("node-1"))).build(),
                InstrumentationScope.newBuilder().setName("io.opentelemetry.http").setVersion("2.1.0").build(),
                span);

        List<SpanRow> rows = SpanRowMapper.rows(request);

        assertThat(rows).hasSize(1);
        SpanRow row = rows.getFirst();
        assertThat(row.timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(row.traceId()).isEqualTo(TRACE);
        assertThat(row.spanId()).isEqualTo(SPAN);
        assertThat(row.parentSpanId()).isEqualTo(PARENT);
        assertThat(row.traceState()).isEqualTo("vendor=1");
        assertThat(row.spanName()).isEqualTo("GET /orders");
        assertThat(row.spanKind()).isEqualTo("Server");
        assertThat(row.serviceName()).isEqualTo("orders");
        assertThat(row.resourceAttributes()).containsExactly(Map.entry("service.name", "orders"),
                Map.entry("host.name", "node-1"));
        assertThat(row.scopeName()).isEqualTo("io.opentelemetry.http");
        assertThat(row.scopeVersion()).isEqualTo("2.1.0");
        assertThat(row.spanAttributes()).containsExactly(Map.entry("http.response.status_code", "500"),
                Map.entry("retry", "true"));
        assertThat(row.durationNanos()).isEqualTo(500_000_000L);
        assertThat(row.statusCode()).isEqualTo("Error");
        assertThat(row.statusMessage()).isEqualTo("boom");
        assertThat(row.events()).containsExactly(new SpanRow.Event(1_700_000_000_200_000_000L, "exception",
                Map.of("exception.type", "IOException")));
        assertThat(row.links()).containsExactly(new SpanRow.Link(LINKED_TRACE, LINKED_SPAN, "k=v",
                Map.of("link.kind", "follows")));
    }

    @Test
    void writesKindsAndStatusesAsPdataNamesThem() {
        assertThat(SpanRowMapper.kind(Span.SpanKind.SPAN_KIND_UNSPECIFIED)).isEqualTo("Unspecified");
        assertThat(SpanRowMapper.kind(Span.SpanKind.SPAN_KIND_INTERNAL)).isEqualTo("Internal");
        assertThat(SpanRowMapper.kind(Span.SpanKind.SPAN_KIND_CLIENT)).isEqualTo("Client");
        assertThat(SpanRowMapper.kind(Span.SpanKind.SPAN_KIND_PRODUCER)).isEqualTo("Producer");
        assertThat(SpanRowMapper.kind(Span.SpanKind.SPAN_KIND_CONSUMER)).isEqualTo("Consumer");
        assertThat(SpanRowMapper.statusCode(Status.StatusCode.STATUS_CODE_UNSET)).isEqualTo("Unset");
        assertThat(SpanRowMapper.statusCode(Status.StatusCode.STATUS_CODE_OK)).isEqualTo("Ok");
    }

    @Test
    void leavesAbsentIdsAndServiceNameEmpty() {
        Span root = Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id(SPAN))
                .setParentSpanId(ByteString.copyFrom(new byte[8])).build();
        SpanRow row = SpanRowMapper.rows(request(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(),
                root)).getFirst();
        assertThat(row.parentSpanId()).isEmpty();
        assertThat(row.serviceName()).isEmpty();
        assertThat(row.scopeName()).isEmpty();
        assertThat(row.resourceAttributes()).isEmpty();
        assertThat(row.events()).isEmpty();
        assertThat(row.links()).isEmpty();
    }

    @Test
    void storesNoDurationForASpanThatEndsBeforeItStarts() {
        Span span = Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id(SPAN))
                .setStartTimeUnixNano(2_000).setEndTimeUnixNano(1_000).build();
        SpanRow row = SpanRowMapper.rows(request(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(),
                span)).getFirst();
        assertThat(row.durationNanos()).isZero();
    }

    @Test
    void sharesTheResourceOfItsSpansAndKeepsTheirOrder() {
        Resource resource = Resource.newBuilder().addAttributes(kv("service.name", str("cart"))).build();
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource)
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .addSpans(Span.newBuilder().setName("a"))
                                .addSpans(Span.newBuilder().setName("b")))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName("c"))))
                .build();
        List<SpanRow> rows = SpanRowMapper.rows(request);
        assertThat(rows).extracting(SpanRow::spanName).containsExactly("a", "b", "c");
        assertThat(rows).extracting(SpanRow::serviceName).containsOnly("cart");
        assertThat(rows.get(0).resourceAttributes()).isSameAs(rows.get(2).resourceAttributes());
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
