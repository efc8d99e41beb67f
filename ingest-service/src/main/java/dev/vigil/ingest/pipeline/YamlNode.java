package dev.vigil.ingest.pipeline;

import java.util.List;
import java.util.Map;

/** A YAML document as a tree that remembers the line of every node, so that errors can name it. */
sealed interface YamlNode {
    int line();

    /** What a value is, in the words of an error message. */
    String kind();

    /** A key and its value; the key's own line is where an unknown key is reported. */
    record Entry(String key, int line, YamlNode value) {
    }

    record Mapping(int line, Map<String, Entry> entries) implements YamlNode {
        public String kind() {
            return "a mapping";
        }
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        public String kind() {
            return "a list";
        }
    }

    /** A string, number or boolean, with its text as written. */
    record Scalar(int line, String text, boolean string) implements YamlNode {
        public String kind() {
            return string ? "a string" : "'" + text + "'";
        }
    }

    /** An empty value ({@code key:} with nothing after it, or {@code null}). */
    record Null(int line) implements YamlNode {
        public String kind() {
            return "empty";
        }
    }
}
