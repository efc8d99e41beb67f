package dev.vigil.ingest.pipeline;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A pipeline's {@code attributes: {drop, redact}}: attributes with a dropped key are removed, those
 * with a redacted key keep their key with the value {@value #REDACTED_TEXT}. Every method returns its
 * argument itself when no key of it is touched, so unchanged data is never copied.
 */
final class AttributeEdits {
    static final String REDACTED_TEXT = "***";
    private static final AnyValue REDACTED = AnyValue.newBuilder().setStringValue(REDACTED_TEXT).build();

    private final Set<String> drop;
    private final Set<String> redact;

    AttributeEdits(Set<String> drop, Set<String> redact) {
        this.drop = Set.copyOf(drop);
        this.redact = Set.copyOf(redact);
    }

    /** Whether there is anything to edit at all. */
    boolean any() {
        return !drop.isEmpty() || !redact.isEmpty();
    }

    boolean touches(List<KeyValue> attributes) {
        for (int i = 0; i < attributes.size(); i++) {
            String key = attributes.get(i).getKey();
            if (drop.contains(key) || redact.contains(key)) {
                return true;
            }
        }
        return false;
    }

    List<KeyValue> apply(List<KeyValue> attributes) {
        if (!touches(attributes)) {
            return attributes;
        }
        List<KeyValue> edited = new ArrayList<>(attributes.size());
        for (KeyValue kv : attributes) {
            if (drop.contains(kv.getKey())) {
                continue;
            }
            edited.add(redact.contains(kv.getKey()) ? kv.toBuilder().setValue(REDACTED).build() : kv);
        }
        return edited;
    }

    Resource resource(Resource resource) {
        List<KeyValue> attributes = resource.getAttributesList();
        List<KeyValue> edited = apply(attributes);
        return edited == attributes ? resource : resource.toBuilder().clearAttributes().addAllAttributes(edited).build();
    }

    InstrumentationScope scope(InstrumentationScope scope) {
        List<KeyValue> attributes = scope.getAttributesList();
        List<KeyValue> edited = apply(attributes);
        return edited == attributes ? scope : scope.toBuilder().clearAttributes().addAllAttributes(edited).build();
    }
}
