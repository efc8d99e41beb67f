package dev.vigil.ingest.pipeline;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/** Runs a trace export through one pipeline; spans are its items. */
final class TraceFilter {
    private TraceFilter() {
    }

    static Filtered<ExportTraceServiceRequest> apply(Pipeline pipeline, ExportTraceServiceRequest request) {
        AttributeEdits edits = pipeline.edits();
        List<ResourceSpans> out = new ArrayList<>(request.getResourceSpansCount());
        boolean changed = false;
        int total = 0;
        int kept = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            int spans = count(resourceSpans);
            total += spans;
            Pipeline.Decision decision = pipeline.decide(resourceSpans.getResource().getAttributesList());
            if (decision.verdict() == Pipeline.Verdict.KEEP && !touched(edits, resourceSpans)) {
                out.add(resourceSpans);
                kept += spans;
                continue;
            }
            changed = true;
            if (decision.verdict() == Pipeline.Verdict.DROP) {
                continue;
            }
            ResourceSpans.Builder resource = ResourceSpans.newBuilder()
                    .setResource(edits.resource(resourceSpans.getResource()))
                    .setSchemaUrl(resourceSpans.getSchemaUrl());
            int keptHere = 0;
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                ScopeSpans.Builder scope = null;
                for (Span span : scopeSpans.getSpansList()) {
                    if (decision.verdict() == Pipeline.Verdict.PER_ITEM && !pipeline.keeps(decision, span.getAttributesList())) {
                        continue;
                    }
                    if (scope == null) {
                        scope = resource.addScopeSpansBuilder()
                                .setScope(edits.scope(scopeSpans.getScope()))
                                .setSchemaUrl(scopeSpans.getSchemaUrl());
                    }
                    scope.addSpans(edit(edits, span));
                    keptHere++;
                }
            }
            if (keptHere > 0) {
                out.add(resource.build());
                kept += keptHere;
            }
        }
        if (!changed) {
            return new Filtered<>(request, total, kept);
        }
        return new Filtered<>(ExportTraceServiceRequest.newBuilder().addAllResourceSpans(out).build(), total, kept);
    }

    static int count(ResourceSpans resourceSpans) {
        int spans = 0;
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
            spans += scopeSpans.getSpansCount();
        }
        return spans;
    }

    private static boolean touched(AttributeEdits edits, ResourceSpans resourceSpans) {
        if (!edits.any()) {
            return false;
        }
        if (edits.touches(resourceSpans.getResource().getAttributesList())) {
            return true;
        }
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
            if (edits.touches(scopeSpans.getScope().getAttributesList())) {
                return true;
            }
            for (Span span : scopeSpans.getSpansList()) {
                if (edits.touches(span.getAttributesList())) {
                    return true;
                }
                for (Span.Event event : span.getEventsList()) {
                    if (edits.touches(event.getAttributesList())) {
                        return true;
                    }
                }
                for (Span.Link link : span.getLinksList()) {
                    if (edits.touches(link.getAttributesList())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Span edit(AttributeEdits edits, Span span) {
        if (!edits.any()) {
            return span;
        }
        Span.Builder builder = null;
        var attributes = span.getAttributesList();
        var edited = edits.apply(attributes);
        if (edited != attributes) {
            builder = span.toBuilder().clearAttributes().addAllAttributes(edited);
        }
        for (int i = 0; i < span.getEventsCount(); i++) {
            var eventAttributes = span.getEvents(i).getAttributesList();
            var editedEvent = edits.apply(eventAttributes);
            if (editedEvent != eventAttributes) {
                builder = builder == null ? span.toBuilder() : builder;
                builder.setEvents(i, span.getEvents(i).toBuilder().clearAttributes().addAllAttributes(editedEvent));
            }
        }
        for (int i = 0; i < span.getLinksCount(); i++) {
            var linkAttributes = span.getLinks(i).getAttributesList();
            var editedLink = edits.apply(linkAttributes);
            if (editedLink != linkAttributes) {
                builder = builder == null ? span.toBuilder() : builder;
                builder.setLinks(i, span.getLinks(i).toBuilder().clearAttributes().addAllAttributes(editedLink));
            }
        }
        return builder == null ? span : builder.build();
    }
}
