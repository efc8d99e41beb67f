package dev.vigil.alert.dashboard;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a dashboard document against the format of docs/api.md ("Dashboards"), collecting every problem with the
 * JSON path of its field, so that one answer names them all. Unknown fields are problems at every level: a typo
 * ({@code "groupby"}) would otherwise be stored and silently do nothing.
 */
public final class DashboardValidator {

    public static final Pattern UID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;
    static final int MAX_VARIABLES = 20;
    static final int MAX_PANELS = 100;
    static final int MAX_THRESHOLDS = 10;
    /** Longest label, metric name, filter value, service name or search text a panel may hold. */
    static final int MAX_TEXT = 256;
    static final int MAX_VALUES = 200;
    /** As many labels as the metrics API groups by. */
    static final int MAX_GROUP_BY = 5;
    static final int COLUMNS = 12;
    static final int MAX_HEIGHT = 24;

    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,39}");
    private static final Pattern PANEL_ID = Pattern.compile("[a-zA-Z0-9_-]{1,40}");
    private static final Pattern RELATIVE_TIME = Pattern.compile("now(-[1-9][0-9]{0,5}[mhd])?");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

    private static final Set<String> DOCUMENT_FIELDS = Set.of("uid", "title", "description", "tags", "time", "refresh",
            "variables", "panels");
    private static final List<String> REFRESH = List.of("off", "10s", "30s", "1m", "5m");
    private static final List<String> PANEL_TYPES = List.of("timeseries", "stat", "gauge", "table", "bar");
    /** As the metrics API of query-service accepts them. */
    private static final List<String> AGGREGATIONS = List.of("sum", "avg", "min", "max", "count", "rate", "p50", "p90",
            "p95", "p99");
    private static final List<String> SIGNALS = List.of("rate", "errorRate", "p50", "p95", "p99");
    private static final List<String> SPAN_STATUSES = List.of("error", "ok");
    private static final List<String> SEVERITIES = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    private static final List<String> UNITS = List.of("short", "percent", "ms", "s", "bytes", "reqps", "cores");
    private static final Map<String, Set<String>> QUERY_FIELDS = Map.of(
            "metric", Set.of("kind", "metric", "aggregation", "filters", "groupBy"),
            "golden-signals", Set.of("kind", "service", "operation", "signal"),
            "span-count", Set.of("kind", "service", "operation", "status"),
            "log-count", Set.of("kind", "service", "severity", "text"));
    private static final Map<String, Set<String>> SOURCE_FIELDS = Map.of(
            "services", Set.of("kind"),
            "metric-label", Set.of("kind", "metric", "label"),
            "custom", Set.of("kind", "values"));

    private DashboardValidator() {
    }

    /**
     * Every problem of {@code document}, in document order; empty when it is valid.
     *
     * @param at the document's own path in the request body: empty for a bare document, {@code dashboard} when it
     *           is a member of a larger body
     */
    public static List<Problem> problems(JsonNode document, String at) {
        Check check = new Check();
        check.document(document, at);
        return check.problems;
    }

    /** Fails with {@link InvalidDashboardException} naming every problem of {@code document}. */
    public static void requireValid(JsonNode document, String at) {
        List<Problem> problems = problems(document, at);
        if (!problems.isEmpty()) {
            throw new InvalidDashboardException(problems);
        }
    }

    /** One thing wrong with one field. */
    public record Problem(String path, String message) {
    }

    private static final class Check {

        final List<Problem> problems = new ArrayList<>();
        final Set<String> variables = new HashSet<>();

        void document(JsonNode document, String at) {
            if (document == null || !document.isObject()) {
                problem(at.isEmpty() ? "body" : at, "must be a JSON object (a dashboard document)");
                return;
            }
            String root = at.isEmpty() ? "" : at + ".";
            knownFields(document, DOCUMENT_FIELDS, root);
            JsonNode uid = document.get("uid");
            if (present(uid) && !(uid.isTextual() && UID.matcher(uid.asText()).matches())) {
                problem(root + "uid", "must be 1 to 64 lowercase letters, digits and '-', starting with a letter or digit");
            }
            text(document.get("title"), root + "title", true, 1, MAX_TITLE);
            text(document.get("description"), root + "description", false, 0, MAX_DESCRIPTION);
            tags(document.get("tags"), root + "tags");
            time(document.get("time"), root + "time");
            oneOf(document.get("refresh"), root + "refresh", REFRESH, false);
            // Variables first: the panels may only refer to declared ones.
            eachOf(document.get("variables"), root + "variables", MAX_VARIABLES, this::variable);
            Set<String> panelIds = new HashSet<>();
            eachOf(document.get("panels"), root + "panels", MAX_PANELS, (panel, path) -> panel(panel, path, panelIds));
        }

        void tags(JsonNode tags, String path) {
            eachOf(tags, path, MAX_TAGS, (tag, at) -> text(tag, at, true, 1, MAX_TAG));
        }

        void time(JsonNode time, String path) {
            if (!present(time)) {
                return;
            }
            if (!time.isObject()) {
                problem(path, "must be an object with 'from' and 'to'");
                return;
            }
            knownFields(time, Set.of("from", "to"), path + ".");
            for (String end : List.of("from", "to")) {
                JsonNode value = time.get(end);
                if (!(value != null && value.isTextual() && RELATIVE_TIME.matcher(value.asText()).matches())) {
                    problem(path + "." + end, "must be 'now' or 'now-<n>' with m, h or d, e.g. now-1h");
                }
            }
        }

        void variable(JsonNode variable, String path) {
            if (!variable.isObject()) {
                problem(path, "must be an object");
                return;
            }
            knownFields(variable, Set.of("name", "label", "source", "default", "includeAll"), path + ".");
            JsonNode name = variable.get("name");
            if (name == null || !name.isTextual() || !VARIABLE_NAME.matcher(name.asText()).matches()) {
                problem(path + ".name", "must be a letter or '_' then up to 39 letters, digits or '_'");
            } else if (!variables.add(name.asText())) {
                problem(path + ".name", "is already the name of another variable");
            }
            text(variable.get("label"), path + ".label", false, 0, MAX_TITLE);
            text(variable.get("default"), path + ".default", false, 0, MAX_TEXT);
            bool(variable.get("includeAll"), path + ".includeAll");
            JsonNode source = variable.get("source");
            String kind = kind(source, path + ".source", SOURCE_FIELDS.keySet());
            if (kind == null) {
                return;
            }
            knownFields(source, SOURCE_FIELDS.get(kind), path + ".source.");
            switch (kind) {
                case "metric-label" -> {
                    text(source.get("metric"), path + ".source.metric", true, 1, MAX_TEXT);
                    text(source.get("label"), path + ".source.label", true, 1, MAX_TEXT);
                }
                case "custom" -> {
                    JsonNode values = source.get("values");
                    if (values == null || !values.isArray() || values.isEmpty()) {
                        problem(path + ".source.values", "must be a list of 1 to " + MAX_VALUES + " values");
                    } else {
                        eachOf(values, path + ".source.values", MAX_VALUES, (v, at) -> text(v, at, true, 1, MAX_TEXT));
                    }
                }
                default -> {
                    // services: nothing more to say
                }
            }
        }

        void panel(JsonNode panel, String path, Set<String> ids) {
            if (!panel.isObject()) {
                problem(path, "must be an object");
                return;
            }
            knownFields(panel, Set.of("id", "title", "type", "grid", "query", "unit", "thresholds", "decimals"), path + ".");
            JsonNode id = panel.get("id");
            if (id == null || !id.isTextual() || !PANEL_ID.matcher(id.asText()).matches()) {
                problem(path + ".id", "must be 1 to 40 letters, digits, '_' or '-'");
            } else if (!ids.add(id.asText())) {
                problem(path + ".id", "is already the id of another panel");
            }
            text(panel.get("title"), path + ".title", true, 1, MAX_TITLE);
            references(panel.get("title"), path + ".title");
            oneOf(panel.get("type"), path + ".type", PANEL_TYPES, true);
            grid(panel.get("grid"), path + ".grid");
            query(panel.get("query"), path + ".query");
            oneOf(panel.get("unit"), path + ".unit", UNITS, false);
            thresholds(panel.get("thresholds"), path + ".thresholds");
            JsonNode decimals = panel.get("decimals");
            if (present(decimals)) {
                integer(decimals, path + ".decimals", 0, 6);
            }
        }

        void grid(JsonNode grid, String path) {
            if (grid == null || !grid.isObject()) {
                problem(path, "must be an object with x, y, w and h");
                return;
            }
            knownFields(grid, Set.of("x", "y", "w", "h"), path + ".");
            Integer x = integer(grid.get("x"), path + ".x", 0, COLUMNS - 1);
            integer(grid.get("y"), path + ".y", 0, Integer.MAX_VALUE);
            Integer w = integer(grid.get("w"), path + ".w", 1, COLUMNS);
            integer(grid.get("h"), path + ".h", 1, MAX_HEIGHT);
            if (x != null && w != null && x + w > COLUMNS) {
                problem(path + ".w", "must fit the " + COLUMNS + " columns: x + w must be at most " + COLUMNS);
            }
        }

        void query(JsonNode query, String path) {
            String kind = kind(query, path, QUERY_FIELDS.keySet());
            if (kind == null) {
                return;
            }
            knownFields(query, QUERY_FIELDS.get(kind), path + ".");
            switch (kind) {
                case "metric" -> {
                    text(query.get("metric"), path + ".metric", true, 1, MAX_TEXT);
                    oneOf(query.get("aggregation"), path + ".aggregation", AGGREGATIONS, true);
                    JsonNode filters = query.get("filters");
                    if (present(filters)) {
                        if (!filters.isObject()) {
                            problem(path + ".filters", "must be an object of label to value");
                        } else {
                            filters.properties().forEach(f -> {
                                String at = path + ".filters." + f.getKey();
                                if (f.getKey().isEmpty() || f.getKey().length() > MAX_TEXT) {
                                    problem(at, "must be a label name of 1 to " + MAX_TEXT + " characters");
                                }
                                text(f.getValue(), at, true, 0, MAX_TEXT);
                                references(f.getValue(), at);
                            });
                        }
                    }
                    eachOf(query.get("groupBy"), path + ".groupBy", MAX_GROUP_BY, (label, at) -> text(label, at, true, 1, MAX_TEXT));
                }
                case "golden-signals" -> {
                    service(query.get("service"), path + ".service", true);
                    service(query.get("operation"), path + ".operation", false);
                    oneOf(query.get("signal"), path + ".signal", SIGNALS, true);
                }
                case "span-count" -> {
                    service(query.get("service"), path + ".service", false);
                    service(query.get("operation"), path + ".operation", false);
                    oneOf(query.get("status"), path + ".status", SPAN_STATUSES, false);
                }
                default -> {
                    service(query.get("service"), path + ".service", false);
                    oneOf(query.get("severity"), path + ".severity", SEVERITIES, false);
                    service(query.get("text"), path + ".text", false);
                }
            }
        }

        /** A service, operation or text, which may be a variable's value. */
        void service(JsonNode value, String path, boolean required) {
            text(value, path, required, 1, MAX_TEXT);
            references(value, path);
        }

        void thresholds(JsonNode thresholds, String path) {
            Double[] previous = {null};
            eachOf(thresholds, path, MAX_THRESHOLDS, (threshold, at) -> {
                if (!threshold.isObject()) {
                    problem(at, "must be an object with value and color");
                    return;
                }
                knownFields(threshold, Set.of("value", "color"), at + ".");
                JsonNode value = threshold.get("value");
                if (value == null || !value.isNumber()) {
                    problem(at + ".value", "must be a number");
                } else {
                    if (previous[0] != null && value.asDouble() <= previous[0]) {
                        problem(at + ".value", "must be greater than the threshold before it");
                    }
                    previous[0] = value.asDouble();
                }
                text(threshold.get("color"), at + ".color", true, 1, 50);
            });
        }

        /** Each {@code ${name}} in a string value must name a declared variable. */
        void references(JsonNode value, String path) {
            if (value == null || !value.isTextual()) {
                return;
            }
            Matcher reference = REFERENCE.matcher(value.asText());
            while (reference.find()) {
                if (!variables.contains(reference.group(1))) {
                    problem(path, "refers to ${" + reference.group(1) + "}, which is not a variable of this dashboard");
                }
            }
        }

        /** The {@code kind} of a query or variable source, or null (with a problem) when there is no valid one. */
        String kind(JsonNode node, String path, Set<String> kinds) {
            if (node == null || !node.isObject()) {
                problem(path, "must be an object with a kind");
                return null;
            }
            JsonNode kind = node.get("kind");
            if (kind == null || !kind.isTextual() || !kinds.contains(kind.asText())) {
                problem(path + ".kind", "must be one of " + String.join(", ", kinds.stream().sorted().toList()));
                return null;
            }
            return kind.asText();
        }

        void knownFields(JsonNode node, Set<String> known, String prefix) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    problem(prefix + name, "is not a known field");
                }
            }
        }

        void eachOf(JsonNode list, String path, int max, Each each) {
            if (!present(list)) {
                return;
            }
            if (!list.isArray()) {
                problem(path, "must be a list");
                return;
            }
            if (list.size() > max) {
                problem(path, "must have at most " + max + " elements");
            }
            for (int i = 0; i < list.size(); i++) {
                each.check(list.get(i), path + "[" + i + "]");
            }
        }

        void text(JsonNode value, String path, boolean required, int min, int max) {
            if (!present(value)) {
                if (required) {
                    problem(path, "is required");
                }
                return;
            }
            if (!value.isTextual()) {
                problem(path, "must be a string");
                return;
            }
            int length = value.asText().codePointCount(0, value.asText().length());
            if (length < min || length > max) {
                problem(path, min == max ? "must be " + min + " characters"
                        : "must be " + min + " to " + max + " characters long");
            } else if (min > 0 && value.asText().isBlank()) {
                problem(path, "must not be blank");
            }
        }

        void oneOf(JsonNode value, String path, List<String> allowed, boolean required) {
            if (!present(value)) {
                if (required) {
                    problem(path, "is required: one of " + String.join(", ", allowed));
                }
                return;
            }
            if (!value.isTextual() || !allowed.contains(value.asText())) {
                problem(path, "must be one of " + String.join(", ", allowed));
            }
        }

        void bool(JsonNode value, String path) {
            if (present(value) && !value.isBoolean()) {
                problem(path, "must be true or false");
            }
        }

        /** The whole number at {@code path}, or null (with a problem) when it is missing, not one, or out of range. */
        Integer integer(JsonNode value, String path, int min, int max) {
            if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()
                    || value.asInt() < min || value.asInt() > max) {
                problem(path, max == Integer.MAX_VALUE ? "must be a whole number of at least " + min
                        : "must be a whole number from " + min + " to " + max);
                return null;
            }
            return value.asInt();
        }

        void problem(String path, String message) {
            problems.add(new Problem(path, message));
        }

        private static boolean present(JsonNode value) {
            return value != null && !value.isNull();
        }
    }

    @FunctionalInterface
    private interface Each {
        void check(JsonNode element, String path);
    }
}
