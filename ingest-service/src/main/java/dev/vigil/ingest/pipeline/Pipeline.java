package dev.vigil.ingest.pipeline;

import dev.vigil.contracts.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.Set;

/**
 * One pipeline of one signal, ready to run: what it keeps, how it edits attributes, where it sends
 * the result, and its counters. Deciding per resource first means that an item's own attributes are
 * only looked at when a condition needs them.
 */
final class Pipeline {
    static final String ITEMS_METER = "vigil.pipeline.items";

    /** What a pipeline does with the items of one resource. */
    enum Verdict { DROP, KEEP, PER_ITEM }

    /**
     * The verdict on a resource; with {@code PER_ITEM}, whether the exclusion depends on the item
     * (its resource part matched) as well as the inclusion.
     */
    record Decision(Verdict verdict, boolean excludeByItem) {
        static final Decision DROP = new Decision(Verdict.DROP, false);
        static final Decision KEEP = new Decision(Verdict.KEEP, false);
    }

    private final PipelineSpec spec;
    private final Set<String> systemNamespaces;
    private final AttributeEdits edits;
    private final Counter received;
    private final Counter filteredOut;

    Pipeline(Signal signal, PipelineSpec spec, Set<String> systemNamespaces, MeterRegistry registry) {
        this.spec = spec;
        this.systemNamespaces = Set.copyOf(systemNamespaces);
        this.edits = new AttributeEdits(spec.drop(), spec.redact());
        this.received = items(registry, signal, spec.name(), "received");
        this.filteredOut = items(registry, signal, spec.name(), "filtered_out");
    }

    static Counter items(MeterRegistry registry, Signal signal, String pipeline, String outcome) {
        return Counter.builder(ITEMS_METER).tag("signal", signal.id()).tag("pipeline", pipeline).tag("outcome", outcome)
                .description("Spans, data points and log records per signal, pipeline and outcome")
                .register(registry);
    }

    String name() {
        return spec.name();
    }

    PipelineSpec spec() {
        return spec;
    }

    AttributeEdits edits() {
        return edits;
    }

    void count(int total, int kept) {
        received.increment(total);
        filteredOut.increment(total - kept);
    }

    Decision decide(List<KeyValue> resource) {
        Selection include = spec.include();
        Selection exclude = spec.exclude();
        String namespace = AttributeValues.string(resource, Selection.NAMESPACE_KEY);
        if (namespace != null && systemNamespaces.contains(namespace) && !include.namespaces().contains(namespace)) {
            return Decision.DROP;
        }
        if (!matchesResource(include, resource, namespace)) {
            return Decision.DROP;
        }
        boolean excludeByItem = false;
        if (!exclude.isEmpty() && matchesResource(exclude, resource, namespace)) {
            if (exclude.attributes().isEmpty()) {
                return Decision.DROP;
            }
            excludeByItem = true;
        }
        if (include.attributes().isEmpty() && !excludeByItem) {
            return Decision.KEEP;
        }
        return new Decision(Verdict.PER_ITEM, excludeByItem);
    }

    /** For a {@code PER_ITEM} decision: whether the item with these attributes is kept. */
    boolean keeps(Decision decision, List<KeyValue> item) {
        return allHold(spec.include().attributes(), item)
                && !(decision.excludeByItem() && allHold(spec.exclude().attributes(), item));
    }

    private static boolean matchesResource(Selection selection, List<KeyValue> resource, String namespace) {
        if (!selection.namespaces().isEmpty() && (namespace == null || !selection.namespaces().contains(namespace))) {
            return false;
        }
        if (!selection.workloads().isEmpty() && !anyWorkload(selection.workloads(), resource)) {
            return false;
        }
        if (!selection.services().isEmpty()) {
            String service = AttributeValues.string(resource, Selection.SERVICE_KEY);
            if (service == null || !selection.services().contains(service)) {
                return false;
            }
        }
        return allHold(selection.resourceAttributes(), resource);
    }

    private static boolean anyWorkload(Set<String> workloads, List<KeyValue> resource) {
        for (String key : Selection.WORKLOAD_KEYS) {
            String name = AttributeValues.string(resource, key);
            if (name != null && workloads.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allHold(List<AttributeCondition> conditions, List<KeyValue> attributes) {
        for (int i = 0; i < conditions.size(); i++) {
            if (!conditions.get(i).holds(attributes)) {
                return false;
            }
        }
        return true;
    }
}
