package dev.vigil.ingest.receive;

import static dev.vigil.ingest.receive.TraceSplitterTest.request;
import static dev.vigil.ingest.receive.TraceSplitterTest.resource;
import static dev.vigil.ingest.receive.TraceSplitterTest.scope;
import static dev.vigil.ingest.receive.TraceSplitterTest.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

class TraceRequestDecoderTest {

    @Test
    void readsAValidRequest() {
        ExportTraceServiceRequest request = request(resource("a", scope("s", span(1, 1))));
        assertThat(TraceRequestDecoder.protobuf(request.toByteArray())).isEqualTo(request);
    }

    @Test
    void readsAnEmptyBodyAsAnEmptyRequest() {
        assertThat(TraceRequestDecoder.protobuf(new byte[0]).getResourceSpansCount()).isZero();
    }

    @Test
    void rejectsBytesThatAreNotProtobuf() {
        // Field 1, length-delimited, claiming 100 bytes of which 2 follow.
        assertThatThrownBy(() -> TraceRequestDecoder.protobuf(new byte[] {0x0A, 100, 1, 2}))
                .isInstanceOf(InvalidExportException.class)
                .hasMessageStartingWith("the body is not a valid protobuf ExportTraceServiceRequest");
    }

    @Test
    void rejectsSpanWithTraceIdOfWrongLength() {
        Span bad = span(1, 1).toBuilder().setTraceId(ByteString.copyFrom(new byte[5])).build();
        ExportTraceServiceRequest request = request(resource("a", scope("s", span(1, 2)), scope("t", span(1, 3), bad)));
        assertThatThrownBy(() -> TraceRequestDecoder.protobuf(request.toByteArray()))
                .isInstanceOf(InvalidExportException.class)
                .hasMessage("resource_spans[0].scope_spans[1].spans[1].trace_id has 5 bytes; it must have 16");
    }

    @Test
    void rejectsLinkWithSpanIdOfWrongLength() {
        Span bad = span(1, 1).toBuilder().addLinks(Span.Link.newBuilder()
                .setTraceId(span(2, 2).getTraceId()).setSpanId(ByteString.copyFrom(new byte[9]))).build();
        assertThatThrownBy(() -> TraceRequestDecoder.validate(request(resource("a", scope("s", bad)))))
                .hasMessage("resource_spans[0].scope_spans[0].spans[0].links[0].span_id has 9 bytes; it must have 8");
    }

    @Test
    void acceptsAbsentIds() {
        Span root = span(1, 1).toBuilder().clearParentSpanId().build();
        Span orphan = Span.newBuilder().setName("no ids at all").build();
        assertThatCode(() -> TraceRequestDecoder.validate(request(resource("a", scope("s", root, orphan)))))
                .doesNotThrowAnyException();
    }
}
