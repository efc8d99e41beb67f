package dev.vigil.ingest.receive;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.vigil.contracts.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/** Traces: items are spans; every span of a trace goes to one partition (keyed by trace id). */
final class TracesSignal implements OtlpSignal<ExportTraceServiceRequest> {
    static final TracesSignal INSTANCE = new TracesSignal();

    private TracesSignal() {
    }

    @Override
    public Signal signal() {
        return Signal.TRACES;
    }

    @Override
    public Parser<ExportTraceServiceRequest> parser() {
        return ExportTraceServiceRequest.parser();
    }

    @Override
    public ExportTraceServiceRequest emptyRequest() {
        return ExportTraceServiceRequest.getDefaultInstance();
    }

    @Override
    public String grpcService() {
        return TraceServiceGrpc.SERVICE_NAME;
    }

    @Override
    public String itemNoun() {
        return "span";
    }

    @Override
    public int items(ExportTraceServiceRequest request) {
        int spans = 0;
        for (ResourceSpans resource : request.getResourceSpansList()) {
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                spans += scope.getSpansCount();
            }
        }
        return spans;
    }

    @Override
    public void validate(ExportTraceServiceRequest request, RequestChecks checks) {
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans resource = request.getResourceSpans(r);
            int ri = r;
            checks.attributes(resource.getResource().getAttributesList(),
                    () -> "resource_spans[" + ri + "].resource.attributes");
            for (int s = 0; s < resource.getScopeSpansCount(); s++) {
                ScopeSpans scope = resource.getScopeSpans(s);
                int si = s;
                checks.attributes(scope.getScope().getAttributesList(),
                        () -> "resource_spans[" + ri + "].scope_spans[" + si + "].scope.attributes");
                for (int i = 0; i < scope.getSpansCount(); i++) {
                    Span span = scope.getSpans(i);
                    int ii = i;
                    checks.traceId(span.getTraceId(), () -> path(ri, si, ii) + ".trace_id");
                    checks.spanId(span.getSpanId(), () -> path(ri, si, ii) + ".span_id");
                    checks.spanId(span.getParentSpanId(), () -> path(ri, si, ii) + ".parent_span_id");
                    checks.attributes(span.getAttributesList(), () -> path(ri, si, ii) + ".attributes");
                    for (int e = 0; e < span.getEventsCount(); e++) {
                        int ei = e;
                        checks.attributes(span.getEvents(e).getAttributesList(),
                                () -> path(ri, si, ii) + ".events[" + ei + "].attributes");
                    }
                    for (int l = 0; l < span.getLinksCount(); l++) {
                        Span.Link link = span.getLinks(l);
                        int li = l;
                        checks.traceId(link.getTraceId(), () -> path(ri, si, ii) + ".links[" + li + "].trace_id");
                        checks.spanId(link.getSpanId(), () -> path(ri, si, ii) + ".links[" + li + "].span_id");
                        checks.attributes(link.getAttributesList(),
                                () -> path(ri, si, ii) + ".links[" + li + "].attributes");
                    }
                }
            }
        }
    }

    private static String path(int r, int s, int i) {
        return "resource_spans[" + r + "].scope_spans[" + s + "].spans[" + i + "]";
    }

    @Override
    public List<Piece> pieces(ExportTraceServiceRequest request, int maxRecordBytes) {
        List<Piece> pieces = new ArrayList<>();
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans resource = request.getResourceSpans(r);
            for (int s = 0; s < resource.getScopeSpansCount(); s++) {
                List<Span> spans = resource.getScopeSpans(s).getSpansList();
                for (int i = 0; i < spans.size(); i++) {
                    Span span = spans.get(i);
                    pieces.add(new Piece(r, s, i, span, 1, RecordKeys.id(span.getTraceId())));
                }
            }
        }
        return pieces;
    }

    @Override
    public Message resourceHeader(ExportTraceServiceRequest request, int r) {
        return request.getResourceSpans(r).toBuilder().clearScopeSpans().build();
    }

    @Override
    public Message scopeHeader(ExportTraceServiceRequest request, int r, int s) {
        return request.getResourceSpans(r).getScopeSpans(s).toBuilder().clearSpans().build();
    }

    @Override
    public Message response(long rejected, String message) {
        if (rejected == 0) {
            return ExportTraceServiceResponse.getDefaultInstance();
        }
        return ExportTraceServiceResponse.newBuilder().setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(rejected).setErrorMessage(message)).build();
    }
}
