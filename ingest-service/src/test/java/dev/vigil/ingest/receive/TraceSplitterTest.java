package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceSplitterTest {
    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void keepsARequestOfOneTraceAsItIs() {
        ExportTraceServiceRequest request = request(resource("a", scope("s", span(1, 1), span(1, 2))));
        TraceSplitter.Split split = TraceSplitter.split(request, ONE_MIB);
        assertThat(split.records()).hasSize(1);
        assertThat(split.records().getFirst().value()).isEqualTo(request.toByteArray());
        assertThat(keyOf(split.records().getFirst())).isEqualTo(hex(1));
        assertThat(split.refusedSpans()).isZero();
    }

    @Test
    void putsEachTraceInItsOwnRecordKeyedByTraceId() throws InvalidProtocolBufferException {
        ExportTraceServiceRequest request = request(
                resource("checkout", scope("http", span(1, 1), span(2, 2)), scope("db", span(1, 3))),
                resource("payment", scope("http", span(2, 4))));

        TraceSplitter.Split split = TraceSplitter.split(request, ONE_MIB);

        assertThat(split.records()).extracting(TraceSplitterTest::keyOf).containsExactly(hex(1), hex(2));
        ExportTraceServiceRequest first = ExportTraceServiceRequest.parseFrom(split.records().get(0).value());
        assertThat(first.getResourceSpansCount()).isEqualTo(1);
        assertThat(first.getResourceSpans(0).getResource()).isEqualTo(request.getResourceSpans(0).getResource());
        assertThat(first.getResourceSpans(0).getScopeSpansList()).extracting(s -> s.getScope().getName())
                .containsExactly("http", "db");
        assertThat(spanIds(first)).containsExactly(1, 3);

        ExportTraceServiceRequest second = ExportTraceServiceRequest.parseFrom(split.records().get(1).value());
        assertThat(second.getResourceSpansList()).extracting(r -> r.getResource().getAttributes(0).getValue()
                .getStringValue()).containsExactly("checkout", "payment");
        assertThat(spanIds(second)).containsExactly(2, 4);
        assertThat(split.records()).extracting(OtlpRecord::items).containsExactly(2, 2);
    }

    @Test
    void cutsALargeTraceIntoRecordsUnderTheLimitWithTheSameKey() throws InvalidProtocolBufferException {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            spans.add(span(7, i).toBuilder().setName("x".repeat(1_000)).build());
        }
        ExportTraceServiceRequest request = request(resource("big", scope("s", spans.toArray(Span[]::new))));
        int limit = 16 * 1024;

        TraceSplitter.Split split = TraceSplitter.split(request, limit);

        assertThat(split.records()).hasSizeGreaterThan(1);
        assertThat(split.records()).allSatisfy(r -> {
            assertThat(r.value().length).isLessThanOrEqualTo(limit);
            assertThat(keyOf(r)).isEqualTo(hex(7));
        });
        List<Integer> ids = new ArrayList<>();
        for (OtlpRecord r : split.records()) {
            ExportTraceServiceRequest part = ExportTraceServiceRequest.parseFrom(r.value());
            assertThat(part.getResourceSpans(0).getResource()).isEqualTo(request.getResourceSpans(0).getResource());
            ids.addAll(spanIds(part));
        }
        assertThat(ids).hasSize(100).isSorted().doesNotHaveDuplicates();
        assertThat(split.refusedSpans()).isZero();
    }

    @Test
    void refusesASpanThatCannotFitInARecordAndKeepsTheRest() {
        Span huge = span(3, 1).toBuilder().setName("y".repeat(40_000)).build();
        ExportTraceServiceRequest request = request(resource("r", scope("s", huge, span(3, 2), span(4, 3))));

        TraceSplitter.Split split = TraceSplitter.split(request, 16 * 1024);

        assertThat(split.refusedSpans()).isEqualTo(1);
        assertThat(split.refusal()).contains(hex(3)).contains("16384");
        assertThat(split.records()).extracting(OtlpRecord::items).containsExactly(1, 1);
    }

    private static String keyOf(OtlpRecord record) {
        return new String(record.key(), StandardCharsets.US_ASCII);
    }

    private static List<Integer> spanIds(ExportTraceServiceRequest request) {
        List<Integer> ids = new ArrayList<>();
        for (ResourceSpans r : request.getResourceSpansList()) {
            for (ScopeSpans s : r.getScopeSpansList()) {
                for (Span span : s.getSpansList()) {
                    ids.add((int) span.getSpanId().byteAt(7) & 0xFF);
                }
            }
        }
        return ids;
    }

    static ExportTraceServiceRequest request(ResourceSpans... resources) {
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(Arrays.asList(resources)).build();
    }

    static ResourceSpans resource(String service, ScopeSpans... scopes) {
        return ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addAllScopeSpans(Arrays.asList(scopes))
                .build();
    }

    static ScopeSpans scope(String name, Span... spans) {
        return ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName(name))
                .addAllSpans(Arrays.asList(spans)).build();
    }

    static Span span(int trace, int span) {
        byte[] traceId = new byte[16];
        traceId[15] = (byte) trace;
        byte[] spanId = new byte[8];
        spanId[7] = (byte) span;
        return Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
                .setName("op").build();
    }

    static String hex(int trace) {
        return "0".repeat(30) + String.format("%02x", trace);
    }
}
