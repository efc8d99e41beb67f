package dev.vigil.ingest.receive;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Reads an OTLP trace export and checks what protobuf parsing does not: that ids have their fixed
 * lengths. An id may be absent (empty) but not of another length, as in the Collector's pdata.
 */
final class TraceRequestDecoder {
    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;

    private TraceRequestDecoder() {
    }

    static ExportTraceServiceRequest protobuf(byte[] body) {
        ExportTraceServiceRequest request;
        try {
            request = ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidExportException("the body is not a valid protobuf ExportTraceServiceRequest: "
                    + e.getMessage(), e);
        }
        validate(request);
        return request;
    }

    static void validate(ExportTraceServiceRequest request) {
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans resourceSpans = request.getResourceSpans(r);
            for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
                ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
                for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
                    Span span = scopeSpans.getSpans(i);
                    String at = "resource_spans[" + r + "].scope_spans[" + s + "].spans[" + i + "]";
                    check(span.getTraceId(), TRACE_ID_BYTES, at + ".trace_id");
                    check(span.getSpanId(), SPAN_ID_BYTES, at + ".span_id");
                    check(span.getParentSpanId(), SPAN_ID_BYTES, at + ".parent_span_id");
                    for (int l = 0; l < span.getLinksCount(); l++) {
                        check(span.getLinks(l).getTraceId(), TRACE_ID_BYTES, at + ".links[" + l + "].trace_id");
                        check(span.getLinks(l).getSpanId(), SPAN_ID_BYTES, at + ".links[" + l + "].span_id");
                    }
                }
            }
        }
    }

    private static void check(ByteString id, int length, String field) {
        if (!id.isEmpty() && id.size() != length) {
            throw new InvalidExportException(field + " has " + id.size() + " bytes; it must have " + length);
        }
    }
}
