package dev.vigil.ingest.pipeline;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/** Reads OTLP attributes the way conditions compare them: by key, and as text. */
final class AttributeValues {
    private AttributeValues() {
    }

    /** The value of the first attribute with the key, or null. Attribute lists are short: a scan beats a map. */
    static AnyValue find(List<KeyValue> attributes, String key) {
        for (int i = 0; i < attributes.size(); i++) {
            KeyValue kv = attributes.get(i);
            if (kv.getKey().equals(key)) {
                return kv.getValue();
            }
        }
        return null;
    }

    /** The string of a string attribute, or null. */
    static String string(List<KeyValue> attributes, String key) {
        AnyValue value = find(attributes, key);
        return value != null && value.hasStringValue() ? value.getStringValue() : null;
    }

    /** Scalars as they are written; arrays, maps and bytes have no text and match no equals or regex. */
    static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> null;
        };
    }
}
