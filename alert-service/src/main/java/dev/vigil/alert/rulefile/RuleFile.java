package dev.vigil.alert.rulefile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.promql.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Prometheus rule file as Prometheus writes it ({@code groups[].name, interval, rules[]} with {@code alert},
 * {@code expr}, {@code for}, {@code keep_firing_for}, {@code labels}, {@code annotations}; a group's {@code labels}
 * apply to its rules), read into its alerting
 * rules. Fields Prometheus does not know are problems, as Prometheus's strict reading makes them; recording rules are
 * skipped with the reason; {@code limit} and {@code query_offset} are problems, since Vigil has no equivalent.
 *
 * @param rules    the alerting rules read without a problem of their own
 * @param skipped  the recording rules
 * @param problems every problem, each at its path
 */
public record RuleFile(List<ImportedRule> rules, List<SkippedRule> skipped, List<FileProblem> problems) {

    public static final String RECORDING_NOT_SUPPORTED = "recording rules are not imported: Vigil evaluates alerting rules"
            + " only; write the recorded expression into the alerting rules that use it";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> GROUP_FIELDS = Set.of("name", "interval", "rules", "limit", "query_offset", "labels");
    private static final Set<String> RULE_FIELDS = Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");

    public RuleFile {
        rules = List.copyOf(rules);
        skipped = List.copyOf(skipped);
        problems = List.copyOf(problems);
    }

    /** Reads the file; a text that is not YAML, or not a rule file at all, is one problem at {@code body}. */
    public static RuleFile read(String text) {
        List<ImportedRule> rules = new ArrayList<>();
        List<SkippedRule> skipped = new ArrayList<>();
        List<FileProblem> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = text == null || text.isBlank() ? null : YAML.readTree(text);
        } catch (JacksonException e) {
            problems.add(new FileProblem("body", "is not YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())));
            return new RuleFile(rules, skipped, problems);
        }
        if (root == null || !root.isObject() || !root.path("groups").isArray()) {
            problems.add(new FileProblem("body", "is not a Prometheus rule file: it needs a list of groups"));
            return new RuleFile(rules, skipped, problems);
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!f.equals("groups")) {
                problems.add(new FileProblem(f, "is not a field of a rule file; known: groups"));
            }
        });
        Set<String> groupNames = new HashSet<>();
        JsonNode groups = root.get("groups");
        for (int g = 0; g < groups.size(); g++) {
            readGroup(groups.get(g), "groups[" + g + "]", groupNames, rules, skipped, problems);
        }
        return new RuleFile(rules, skipped, problems);
    }

    private static void readGroup(JsonNode group, String path, Set<String> groupNames, List<ImportedRule> rules,
                                  List<SkippedRule> skipped, List<FileProblem> problems) {
        if (!group.isObject()) {
            problems.add(new FileProblem(path, "must be a group: name, interval, rules"));
            return;
        }
        int before = problems.size();
        unknownFields(group, path, GROUP_FIELDS, problems);
        for (String unsupported : List.of("limit", "query_offset")) {
            if (group.has(unsupported)) {
                problems.add(new FileProblem(path + "." + unsupported, "is not supported by Vigil's import"));
            }
        }
        String name = text(group.get("name"));
        if (name == null || name.isBlank()) {
            problems.add(new FileProblem(path + ".name", "is required"));
        } else if (!groupNames.add(name)) {
            problems.add(new FileProblem(path + ".name", "repeats the group name " + name + " of this file"));
        }
        Integer interval = group.has("interval") ? seconds(group.get("interval"), path + ".interval", problems) : null;
        Map<String, String> groupLabels = strings(group.get("labels"), path + ".labels", problems);
        JsonNode list = group.path("rules");
        if (!list.isArray()) {
            problems.add(new FileProblem(path + ".rules", "must be a list of rules"));
            return;
        }
        boolean groupValid = problems.size() == before;
        for (int r = 0; r < list.size(); r++) {
            String rulePath = path + ".rules[" + r + "]";
            JsonNode rule = list.get(r);
            if (!rule.isObject()) {
                problems.add(new FileProblem(rulePath, "must be a rule: alert or record, expr, ..."));
                continue;
            }
            int ruleBefore = problems.size();
            unknownFields(rule, rulePath, RULE_FIELDS, problems);
            String alert = text(rule.get("alert"));
            String record = text(rule.get("record"));
            if (alert != null && record != null) {
                problems.add(new FileProblem(rulePath, "has both alert and record; a rule is one or the other"));
                continue;
            }
            if (record != null) {
                skipped.add(new SkippedRule(rulePath, record, RECORDING_NOT_SUPPORTED));
                continue;
            }
            if (alert == null) {
                problems.add(new FileProblem(rulePath + ".alert", "is required (or record, for a recording rule)"));
                continue;
            }
            String expr = text(rule.get("expr"));
            int holdFor = rule.has("for") ? orZero(seconds(rule.get("for"), rulePath + ".for", problems)) : 0;
            int keepFiringFor = rule.has("keep_firing_for")
                    ? orZero(seconds(rule.get("keep_firing_for"), rulePath + ".keep_firing_for", problems)) : 0;
            // The group's labels apply to each of its rules, whose own labels win, as in Prometheus.
            Map<String, String> labels = new LinkedHashMap<>(groupLabels);
            labels.putAll(strings(rule.get("labels"), rulePath + ".labels", problems));
            labels.forEach((label, value) -> {
                if (value.contains("{{")) {
                    problems.add(new FileProblem(rulePath + ".labels." + label,
                            "is a template; Vigil's rule labels are fixed values (annotations may use templates)"));
                }
            });
            Map<String, String> annotations = strings(rule.get("annotations"), rulePath + ".annotations", problems);
            if (groupValid && problems.size() == ruleBefore) {
                rules.add(new ImportedRule(rulePath, path, name, alert, expr == null ? "" : expr, interval, holdFor,
                        keepFiringFor, labels, annotations));
            }
        }
    }

    private static void unknownFields(JsonNode node, String path, Set<String> known, List<FileProblem> problems) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                problems.add(new FileProblem(path + "." + f, "is not a field Prometheus knows; known: "
                        + String.join(", ", known.stream().sorted().toList())));
            }
        });
    }

    /** A scalar as text, as Prometheus's YAML reading takes {@code expr: 1}; {@code null} when absent or not a scalar. */
    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }

    /** A Prometheus duration in whole seconds, rounded up (Vigil evaluates in whole seconds). */
    private static Integer seconds(JsonNode node, String path, List<FileProblem> problems) {
        String text = text(node);
        Duration d = text == null ? null : Durations.parse(text);
        if (d == null) {
            problems.add(new FileProblem(path, "is not a Prometheus duration such as 30s, 5m or 1h30m"));
            return null;
        }
        long seconds = (d.toMillis() + 999) / 1000;
        if (seconds > Integer.MAX_VALUE) {
            problems.add(new FileProblem(path, "is too long"));
            return null;
        }
        return (int) seconds;
    }

    private static int orZero(Integer seconds) {
        return seconds == null ? 0 : seconds;
    }

    private static Map<String, String> strings(JsonNode node, String path, List<FileProblem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(new FileProblem(path, "must be a map of names to strings"));
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String value = text(e.getValue());
            if (value == null) {
                problems.add(new FileProblem(path + "." + e.getKey(), "must be a string"));
            } else {
                out.put(e.getKey(), value);
            }
        });
        return out;
    }
}
