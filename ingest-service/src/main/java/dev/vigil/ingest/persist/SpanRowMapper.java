package dev.vigil.ingest.persist;

import com.google.protobuf.ByteString;
import dev.vigil.ingest.clickhouse.SpanRow;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Turns an OTLP trace export into {@code otel_traces} rows, one per span, as the Collector's exporter does. */
public final class SpanRowMapper {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SERVICE_NAME = "service.name";

    private SpanRowMapper() {
    }

    public static List<SpanRow> rows(ExportTraceServiceRequest request) {
        List<SpanRow> rows = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            List<KeyValue> resource = resourceSpans.getResource().getAttributesList();
            Map<String, String> resourceAttributes = AttributeStrings.of(resource);
            String serviceName = resourceAttributes.getOrDefault(SERVICE_NAME, "");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                InstrumentationScope scope = scopeSpans.getScope();
                for (Span span : scopeSpans.getSpansList()) {
                    rows.add(row(span, serviceName, resourceAttributes, scope));
                }
            }
        }
        return rows;
    }

    static SpanRow row(Span span, String serviceName, Map<String, String> resourceAttributes,
            InstrumentationScope scope) {
        long start = span.getStartTimeUnixNano();
        long end = span.getEndTimeUnixNano();
        Status status = span.getStatus();
        return new SpanRow(
                start,
                hex(span.getTraceId()),
                hex(span.getSpanId()),
                hex(span.getParentSpanId()),
                span.getTraceState(),
                span.getName(),
                kind(span.getKind()),
                serviceName,
                resourceAttributes,
                scope.getName(),
                scope.getVersion(),
                AttributeStrings.of(span.getAttributesList()),
                // An end before the start would wrap around as UInt64; store no duration rather than ~584 years.
                Long.compareUnsigned(end, start) >= 0 ? end - start : 0,
                statusCode(status.getCode()),
                status.getMessage(),
                events(span.getEventsList()),
                links(span.getLinksList()));
    }

    private static List<SpanRow.Event> events(List<Span.Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<SpanRow.Event> out = new ArrayList<>(events.size());
        for (Span.Event e : events) {
            out.add(new SpanRow.Event(e.getTimeUnixNano(), e.getName(), AttributeStrings.of(e.getAttributesList())));
        }
        return out;
    }

    private static List<SpanRow.Link> links(List<Span.Link> links) {
        if (links.isEmpty()) {
            return List.of();
        }
        List<SpanRow.Link> out = new ArrayList<>(links.size());
        for (Span.Link l : links) {
            out.add(new SpanRow.Link(hex(l.getTraceId()), hex(l.getSpanId()), l.getTraceState(),
                    AttributeStrings.of(l.getAttributesList())));
        }
        return out;
    }

    /** Lowercase hex; an id that is absent or all zeros is the empty string, as the exporter writes it. */
    static String hex(ByteString id) {
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return HEX.formatHex(id.toByteArray());
            }
        }
        return "";
    }

    /** pdata's {@code SpanKind.String()}. */
    static String kind(Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_UNSPECIFIED -> "Unspecified";
            case SPAN_KIND_INTERNAL -> "Internal";
            case SPAN_KIND_SERVER -> "Server";
            case SPAN_KIND_CLIENT -> "Client";
            case SPAN_KIND_PRODUCER -> "Producer";
            case SPAN_KIND_CONSUMER -> "Consumer";
            case UNRECOGNIZED -> "";
        };
    }

    /** pdata's {@code StatusCode.String()}. */
    static String statusCode(Status.StatusCode code) {
        return switch (code) {
            case STATUS_CODE_UNSET -> "Unset";
            case STATUS_CODE_OK -> "Ok";
            case STATUS_CODE_ERROR -> "Error";
            case UNRECOGNIZED -> "";
        };
    }
}
