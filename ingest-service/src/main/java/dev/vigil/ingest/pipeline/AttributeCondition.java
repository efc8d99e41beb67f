package dev.vigil.ingest.pipeline;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.regex.Pattern;

/** A condition on one attribute of a resource or of an item (span, data point, log record). */
record AttributeCondition(String key, Test test) {

    /** What the attribute's value must satisfy. */
    sealed interface Test {
    }

    /** The value, as text ({@code 200}, {@code true}, {@code 0.5}), is exactly this. */
    record Equals(String value) implements Test {
    }

    /** The value, as text, matches this regular expression as a whole. */
    record Matches(Pattern pattern) implements Test {
    }

    /** The attribute is present ({@code true}) or absent ({@code false}). */
    record Exists(boolean present) implements Test {
    }

    boolean holds(List<KeyValue> attributes) {
        AnyValue value = AttributeValues.find(attributes, key);
        return switch (test) {
            case Exists e -> (value != null) == e.present();
            case Equals e -> value != null && e.value().equals(AttributeValues.text(value));
            case Matches m -> {
                String text = value == null ? null : AttributeValues.text(value);
                yield text != null && m.pattern().matcher(text).matches();
            }
        };
    }
}
