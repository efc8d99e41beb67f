package dev.vigil.ingest.pipeline;

import dev.vigil.contracts.Signal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates a pipelines file strictly: an unknown key, a value of the wrong kind, an output
 * no one defined or a regular expression that does not compile is an error naming the line and the
 * field ({@code pipelines.traces[0].include.namespaces}), never something silently ignored.
 */
final class PipelineFileParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Headers the HTTP client sets itself or refuses to let a caller set. */
    private static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "content-type",
            "expect", "host", "upgrade", "te", "transfer-encoding");

    private final String source;

    private PipelineFileParser(String source) {
        this.source = source;
    }

    /**
     * @param source how errors name the file (its path)
     * @param defaultSystemNamespaces used when the file has no {@code system-namespaces}
     */
    static PipelineFile parse(String source, String yaml, List<String> defaultSystemNamespaces) {
        PipelineFileParser parser = new PipelineFileParser(source);
        YamlNode root;
        try {
            root = YamlReader.read(yaml);
        } catch (PipelineConfigException e) {
            throw new PipelineConfigException(source + ": " + e.getMessage(), e);
        }
        return parser.file(root, defaultSystemNamespaces);
    }

    private PipelineFile file(YamlNode root, List<String> defaultSystemNamespaces) {
        if (root instanceof YamlNode.Null) {
            throw new PipelineConfigException(source + ": the file is empty; it must have 'pipelines'"
                    + " (write 'pipelines: {}' to opt every signal out)");
        }
        Section top = section(root, "(top level)", "system-namespaces", "outputs", "pipelines");
        Set<String> systemNamespaces = top.has("system-namespaces")
                ? new LinkedHashSet<>(top.strings("system-namespaces"))
                : new LinkedHashSet<>(defaultSystemNamespaces);

        Map<String, ForwardOutput> outputs = new LinkedHashMap<>();
        YamlNode.Entry outputsEntry = top.entry("outputs");
        if (outputsEntry != null && !(outputsEntry.value() instanceof YamlNode.Null)) {
            YamlNode.Mapping mapping = mapping(outputsEntry.value(), "outputs");
            for (YamlNode.Entry entry : mapping.entries().values()) {
                String path = "outputs." + entry.key();
                if (!NAME.matcher(entry.key()).matches() || entry.key().contains(",")) {
                    throw error(entry.line(), path, "an output name must match " + NAME.pattern());
                }
                outputs.put(entry.key(), output(entry.key(), entry.value(), path));
            }
        }

        YamlNode.Entry pipelinesEntry = top.entry("pipelines");
        if (pipelinesEntry == null) {
            throw error(root.line(), "pipelines", "missing; list the pipelines of each signal"
                    + " (a signal without pipelines is opted out: its data is dropped)");
        }
        Map<Signal, List<PipelineSpec>> pipelines = new EnumMap<>(Signal.class);
        if (!(pipelinesEntry.value() instanceof YamlNode.Null)) {
            Section bySignal = section(pipelinesEntry.value(), "pipelines", signalIds());
            for (Signal signal : Signal.values()) {
                YamlNode.Entry entry = bySignal.entry(signal.id());
                if (entry != null) {
                    pipelines.put(signal, pipelines(entry.value(), "pipelines." + signal.id(), outputs));
                }
            }
        }
        return new PipelineFile(systemNamespaces, outputs, pipelines);
    }

    private static String[] signalIds() {
        Signal[] signals = Signal.values();
        String[] ids = new String[signals.length];
        for (int i = 0; i < signals.length; i++) {
            ids[i] = signals[i].id();
        }
        return ids;
    }

    private ForwardOutput output(String name, YamlNode node, String path) {
        Section s = section(node, path, "endpoint", "headers", "timeout");
        YamlNode.Entry endpointEntry = s.required("endpoint");
        String endpoint = scalar(endpointEntry.value(), path + ".endpoint");
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw error(endpointEntry.line(), path + ".endpoint", "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw error(endpointEntry.line(), path + ".endpoint", "must be an http:// or https:// URL, was '"
                    + endpoint + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw error(endpointEntry.line(), path + ".endpoint", "must have no query or fragment: /v1/<signal> is"
                    + " appended to it");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        YamlNode.Entry headersEntry = s.entry("headers");
        if (headersEntry != null && !(headersEntry.value() instanceof YamlNode.Null)) {
            for (YamlNode.Entry header : mapping(headersEntry.value(), path + ".headers").entries().values()) {
                String headerPath = path + ".headers." + header.key();
                if (RESERVED_HEADERS.contains(header.key().toLowerCase(Locale.ROOT))) {
                    throw error(header.line(), headerPath, "this header is set by the forwarder and cannot be"
                            + " configured");
                }
                if (!header.key().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw error(header.line(), headerPath, "not a valid HTTP header name");
                }
                headers.put(header.key(), scalar(header.value(), headerPath));
            }
        }
        Duration timeout = DEFAULT_TIMEOUT;
        YamlNode.Entry timeoutEntry = s.entry("timeout");
        if (timeoutEntry != null) {
            timeout = duration(timeoutEntry, path + ".timeout");
        }
        return new ForwardOutput(name, uri, headers, timeout);
    }

    private Duration duration(YamlNode.Entry entry, String path) {
        String text = scalar(entry.value(), path);
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw error(entry.line(), path, "'" + text + "' is not a duration; write for example 500ms, 10s or 1m");
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (d.isZero()) {
            throw error(entry.line(), path, "must be longer than zero");
        }
        return d;
    }

    private List<PipelineSpec> pipelines(YamlNode node, String path, Map<String, ForwardOutput> outputs) {
        if (node instanceof YamlNode.Null) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            throw error(node.line(), path, "must be a list of pipelines, was " + node.kind());
        }
        List<PipelineSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlNode item = sequence.items().get(i);
            PipelineSpec spec = pipeline(item, path + "[" + i + "]", outputs);
            if (!names.add(spec.name())) {
                throw error(item.line(), path + "[" + i + "].name", "'" + spec.name()
                        + "' is already the name of another pipeline of this signal");
            }
            specs.add(spec);
        }
        return specs;
    }

    private PipelineSpec pipeline(YamlNode node, String path, Map<String, ForwardOutput> outputs) {
        Section s = section(node, path, "name", "include", "exclude", "attributes", "outputs");
        YamlNode.Entry nameEntry = s.required("name");
        String name = scalar(nameEntry.value(), path + ".name");
        if (!NAME.matcher(name).matches()) {
            throw error(nameEntry.line(), path + ".name", "'" + name + "' is not a pipeline name; it must match "
                    + NAME.pattern());
        }
        Selection include = selection(s.entry("include"), path + ".include");
        Selection exclude = selection(s.entry("exclude"), path + ".exclude");

        Set<String> drop = Set.of();
        Set<String> redact = Set.of();
        YamlNode.Entry attributesEntry = s.entry("attributes");
        if (attributesEntry != null && !(attributesEntry.value() instanceof YamlNode.Null)) {
            Section a = section(attributesEntry.value(), path + ".attributes", "drop", "redact");
            drop = new LinkedHashSet<>(a.strings("drop"));
            redact = new LinkedHashSet<>(a.strings("redact"));
            for (String key : drop) {
                if (redact.contains(key)) {
                    throw error(a.entry("redact").line(), path + ".attributes.redact", "'" + key
                            + "' is also in drop; an attribute is either dropped or redacted");
                }
            }
        }

        boolean store = true;
        List<String> forward = List.of();
        YamlNode.Entry outputsEntry = s.entry("outputs");
        if (outputsEntry != null && !(outputsEntry.value() instanceof YamlNode.Null)) {
            Section o = section(outputsEntry.value(), path + ".outputs", "store", "forward");
            store = o.bool("store", true);
            forward = o.strings("forward");
            for (int i = 0; i < forward.size(); i++) {
                if (!outputs.containsKey(forward.get(i))) {
                    throw error(o.entry("forward").line(), path + ".outputs.forward[" + i + "]", "no output named '"
                            + forward.get(i) + "'; defined outputs: " + (outputs.isEmpty() ? "none"
                                    : String.join(", ", outputs.keySet())));
                }
            }
            if (new HashSet<>(forward).size() != forward.size()) {
                throw error(o.entry("forward").line(), path + ".outputs.forward", "names an output twice");
            }
            if (!store && forward.isEmpty()) {
                throw error(outputsEntry.line(), path + ".outputs", "the pipeline neither stores nor forwards;"
                        + " set store: true or name outputs in forward");
            }
        }
        return new PipelineSpec(name, include, exclude, drop, redact, store, forward);
    }

    private Selection selection(YamlNode.Entry entry, String path) {
        if (entry == null || entry.value() instanceof YamlNode.Null) {
            return Selection.EVERYTHING;
        }
        Section s = section(entry.value(), path, "namespaces", "workloads", "services", "resource-attributes",
                "attributes");
        return new Selection(Set.copyOf(s.strings("namespaces")), Set.copyOf(s.strings("workloads")),
                Set.copyOf(s.strings("services")), conditions(s.entry("resource-attributes"),
                        path + ".resource-attributes"), conditions(s.entry("attributes"), path + ".attributes"));
    }

    private List<AttributeCondition> conditions(YamlNode.Entry entry, String path) {
        if (entry == null || entry.value() instanceof YamlNode.Null) {
            return List.of();
        }
        if (!(entry.value() instanceof YamlNode.Sequence sequence)) {
            throw error(entry.line(), path, "must be a list of conditions (key with equals, matches or exists), was "
                    + entry.value().kind());
        }
        List<AttributeCondition> conditions = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            String at = path + "[" + i + "]";
            YamlNode item = sequence.items().get(i);
            Section c = section(item, at, "key", "equals", "matches", "exists");
            String key = scalar(c.required("key").value(), at + ".key");
            List<YamlNode.Entry> tests = new ArrayList<>();
            for (String test : List.of("equals", "matches", "exists")) {
                if (c.has(test)) {
                    tests.add(c.entry(test));
                }
            }
            if (tests.size() != 1) {
                throw error(item.line(), at, "needs exactly one of equals, matches or exists, had "
                        + (tests.isEmpty() ? "none" : tests.stream().map(YamlNode.Entry::key).toList()));
            }
            YamlNode.Entry test = tests.getFirst();
            String testPath = at + "." + test.key();
            AttributeCondition.Test t = switch (test.key()) {
                case "equals" -> new AttributeCondition.Equals(scalar(test.value(), testPath));
                case "matches" -> {
                    String regex = scalar(test.value(), testPath);
                    try {
                        yield new AttributeCondition.Matches(Pattern.compile(regex));
                    } catch (PatternSyntaxException e) {
                        throw error(test.line(), testPath, "'" + regex + "' is not a valid regular expression: "
                                + e.getDescription() + " near index " + e.getIndex());
                    }
                }
                default -> new AttributeCondition.Exists(bool(test.value(), testPath));
            };
            conditions.add(new AttributeCondition(key, t));
        }
        return conditions;
    }

    // --- reading values, each failure naming the line and the field ---

    private Section section(YamlNode node, String path, String... keys) {
        YamlNode.Mapping mapping = mapping(node, path);
        List<String> allowed = List.of(keys);
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!allowed.contains(entry.key())) {
                throw error(entry.line(), join(path, entry.key()), "unknown key; expected one of: "
                        + String.join(", ", allowed));
            }
        }
        return new Section(mapping, path);
    }

    private YamlNode.Mapping mapping(YamlNode node, String path) {
        if (node instanceof YamlNode.Mapping mapping) {
            return mapping;
        }
        throw error(node.line(), path, "must be a mapping, was " + node.kind());
    }

    private String scalar(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar.text();
        }
        throw error(node.line(), path, "must be a single value, was " + node.kind());
    }

    private boolean bool(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar scalar && !scalar.string()
                && (scalar.text().equals("true") || scalar.text().equals("false"))) {
            return Boolean.parseBoolean(scalar.text());
        }
        throw error(node.line(), path, "must be true or false, was " + node.kind());
    }

    private static String join(String path, String key) {
        return path.equals("(top level)") ? key : path + "." + key;
    }

    private PipelineConfigException error(int line, String field, String problem) {
        return new PipelineConfigException(source + ": line " + line + ", " + field + ": " + problem);
    }

    /** A mapping whose keys were checked, read by key. */
    private final class Section {
        private final YamlNode.Mapping mapping;
        private final String path;

        Section(YamlNode.Mapping mapping, String path) {
            this.mapping = mapping;
            this.path = path;
        }

        boolean has(String key) {
            return mapping.entries().containsKey(key);
        }

        YamlNode.Entry entry(String key) {
            return mapping.entries().get(key);
        }

        YamlNode.Entry required(String key) {
            YamlNode.Entry entry = entry(key);
            if (entry == null || entry.value() instanceof YamlNode.Null) {
                throw error(mapping.line(), join(path, key), "missing");
            }
            return entry;
        }

        boolean bool(String key, boolean otherwise) {
            YamlNode.Entry entry = entry(key);
            return entry == null ? otherwise : PipelineFileParser.this.bool(entry.value(), join(path, key));
        }

        /** A list of non-blank strings; absent or empty is an empty list. */
        List<String> strings(String key) {
            YamlNode.Entry entry = entry(key);
            if (entry == null || entry.value() instanceof YamlNode.Null) {
                return List.of();
            }
            String at = join(path, key);
            if (!(entry.value() instanceof YamlNode.Sequence sequence)) {
                throw error(entry.line(), at, "must be a list, was " + entry.value().kind());
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < sequence.items().size(); i++) {
                String value = scalar(sequence.items().get(i), at + "[" + i + "]");
                if (value.isBlank()) {
                    throw error(sequence.items().get(i).line(), at + "[" + i + "]", "must not be blank");
                }
                values.add(value);
            }
            return values;
        }
    }
}
