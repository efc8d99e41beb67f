package dev.vigil.ingest.receive;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The checks every signal applies to its fields: fixed id lengths, and how deep {@code AnyValue}s
 * nest. Field paths are built only for a refusal, so a valid request costs no strings.
 */
final class RequestChecks {
    static final int TRACE_ID_BYTES = 16;
    static final int SPAN_ID_BYTES = 8;

    private final int maxDepth;

    RequestChecks(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    int maxDepth() {
        return maxDepth;
    }

    /** An id may be absent (empty) but not of another length, as in the Collector's pdata. */
    void traceId(ByteString id, Supplier<String> field) {
        length(id, TRACE_ID_BYTES, field);
    }

    void spanId(ByteString id, Supplier<String> field) {
        length(id, SPAN_ID_BYTES, field);
    }

    private static void length(ByteString id, int length, Supplier<String> field) {
        if (!id.isEmpty() && id.size() != length) {
            throw new InvalidExportException(field.get() + " has " + id.size() + " bytes; it must have " + length);
        }
    }

    void attributes(List<KeyValue> attributes, Supplier<String> field) {
        for (int i = 0; i < attributes.size(); i++) {
            AnyValue value = attributes.get(i).getValue();
            if (nests(value)) {
                int index = i;
                value(value, () -> field.get() + "[" + index + "].value");
            }
        }
    }

    /** Walks the value with an explicit stack: depth is what is being limited, so it must not cost stack. */
    void value(AnyValue value, Supplier<String> field) {
        if (!nests(value)) {
            return;
        }
        ArrayDeque<AnyValue> values = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        values.push(value);
        depths.push(1);
        while (!values.isEmpty()) {
            AnyValue v = values.pop();
            int depth = depths.pop();
            if (depth > maxDepth) {
                throw new InvalidExportException(field.get() + " nests AnyValues more than " + maxDepth
                        + " levels deep (vigil.ingest.receive.max-attribute-depth)");
            }
            switch (v.getValueCase()) {
                case ARRAY_VALUE -> v.getArrayValue().getValuesList().forEach(child -> {
                    values.push(child);
                    depths.push(depth + 1);
                });
                case KVLIST_VALUE -> v.getKvlistValue().getValuesList().forEach(child -> {
                    values.push(child.getValue());
                    depths.push(depth + 1);
                });
                default -> {
                }
            }
        }
    }

    private static boolean nests(AnyValue value) {
        return value.hasArrayValue() || value.hasKvlistValue();
    }
}
