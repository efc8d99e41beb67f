package dev.vigil.ingest.receive;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a trace export into Kafka records: one per trace, keyed by the trace id so that every span of
 * a trace lands on one partition, and a trace too large for one record cut into several with the same
 * key. Each record is itself an {@code ExportTraceServiceRequest}, keeping the resource and scope of
 * its spans. A span that cannot fit in a record even alone is refused.
 */
final class TraceSplitter {
    /** Tag byte plus the longest varint a length can need: an upper bound that keeps records under the limit. */
    private static final int NESTED_OVERHEAD = 1 + 5;
    private static final HexFormat HEX = HexFormat.of();

    private TraceSplitter() {
    }

    /** The records, in the order their traces first appear, and the spans that did not fit anywhere. */
    record Split(List<OtlpRecord> records, int refusedSpans, String refusal) {
    }

    static Split split(ExportTraceServiceRequest request, int maxRecordBytes) {
        Map<ByteString, List<Place>> traces = new LinkedHashMap<>();
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans resourceSpans = request.getResourceSpans(r);
            for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
                for (Span span : resourceSpans.getScopeSpans(s).getSpansList()) {
                    traces.computeIfAbsent(span.getTraceId(), id -> new ArrayList<>()).add(new Place(r, s, span));
                }
            }
        }
        if (traces.size() == 1 && request.getSerializedSize() <= maxRecordBytes) {
            // The common case of an SDK flushing one trace: the request is the record, unchanged.
            Map.Entry<ByteString, List<Place>> only = traces.entrySet().iterator().next();
            return new Split(List.of(new OtlpRecord(key(only.getKey()), request.toByteArray(), only.getValue().size())),
                    0, "");
        }
        Packer packer = new Packer(request, maxRecordBytes);
        for (Map.Entry<ByteString, List<Place>> trace : traces.entrySet()) {
            packer.pack(trace.getKey(), trace.getValue());
        }
        return new Split(packer.records, packer.refused, packer.refusal);
    }

    private static byte[] key(ByteString traceId) {
        return HEX.formatHex(traceId.toByteArray()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Where a span sits in the request. */
    private record Place(int resource, int scope, Span span) {
    }

    /** Fills records span by span, starting a new record when the next span would not fit. */
    private static final class Packer {
        private final ExportTraceServiceRequest request;
        private final int max;
        private final List<OtlpRecord> records = new ArrayList<>();
        private int refused;
        private String refusal = "";

        private final List<ResourceSpans.Builder> resources = new ArrayList<>();
        private ResourceSpans.Builder resource;
        private ScopeSpans.Builder scope;
        private int resourceIndex;
        private int scopeIndex;
        private long bytes;
        private int spans;

        /** The resources and scopes without their children, built once each. */
        private final ResourceSpans[] resourceHeaders;
        private final ScopeSpans[][] scopeHeaders;

        Packer(ExportTraceServiceRequest request, int max) {
            this.request = request;
            this.max = max;
            this.resourceHeaders = new ResourceSpans[request.getResourceSpansCount()];
            this.scopeHeaders = new ScopeSpans[request.getResourceSpansCount()][];
        }

        void pack(ByteString traceId, List<Place> places) {
            for (Place place : places) {
                int spanBytes = place.span().getSerializedSize();
                long spanCost = 1 + CodedOutputStream.computeUInt32SizeNoTag(spanBytes) + spanBytes;
                long scopeCost = NESTED_OVERHEAD + scopeHeader(place).getSerializedSize();
                long resourceCost = NESTED_OVERHEAD + resourceHeader(place).getSerializedSize();
                if (resourceCost + scopeCost + spanCost > max) {
                    refused++;
                    refusal = "a span of trace " + HEX.formatHex(traceId.toByteArray()) + " needs " + spanBytes
                            + " bytes, more than a Kafka record of " + max + " bytes can hold";
                    continue;
                }
                boolean sameResource = spans > 0 && place.resource() == resourceIndex;
                boolean sameScope = sameResource && place.scope() == scopeIndex;
                long cost = spanCost + (sameScope ? 0 : scopeCost) + (sameResource ? 0 : resourceCost);
                if (spans > 0 && bytes + cost > max) {
                    emit(traceId);
                    sameResource = false;
                    sameScope = false;
                    cost = spanCost + scopeCost + resourceCost;
                }
                if (!sameResource) {
                    resource = resourceHeader(place).toBuilder();
                    resources.add(resource);
                    resourceIndex = place.resource();
                }
                if (!sameScope) {
                    scope = resource.addScopeSpansBuilder().mergeFrom(scopeHeader(place));
                    scopeIndex = place.scope();
                }
                scope.addSpans(place.span());
                bytes += cost;
                spans++;
            }
            if (spans > 0) {
                emit(traceId);
            }
        }

        private void emit(ByteString traceId) {
            ExportTraceServiceRequest.Builder out = ExportTraceServiceRequest.newBuilder();
            for (ResourceSpans.Builder r : resources) {
                out.addResourceSpans(r);
            }
            records.add(new OtlpRecord(key(traceId), out.build().toByteArray(), spans));
            resources.clear();
            resource = null;
            scope = null;
            bytes = 0;
            spans = 0;
        }

        private ResourceSpans resourceHeader(Place place) {
            int r = place.resource();
            if (resourceHeaders[r] == null) {
                resourceHeaders[r] = request.getResourceSpans(r).toBuilder().clearScopeSpans().build();
            }
            return resourceHeaders[r];
        }

        private ScopeSpans scopeHeader(Place place) {
            int r = place.resource();
            if (scopeHeaders[r] == null) {
                scopeHeaders[r] = new ScopeSpans[request.getResourceSpans(r).getScopeSpansCount()];
            }
            int s = place.scope();
            if (scopeHeaders[r][s] == null) {
                scopeHeaders[r][s] = request.getResourceSpans(r).getScopeSpans(s).toBuilder().clearSpans().build();
            }
            return scopeHeaders[r][s];
        }
    }
}
