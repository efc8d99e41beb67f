package dev.vigil.system.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two Prometheus API answers the way a reader of them would: the same status (and error type), the same result
 * type, the same series by label set in any order, the same timestamps, and values within a relative 1e-9 (NaN equal
 * to NaN, infinities exact). Returns what differs, or null when nothing does.
 */
final class Answers {
    private static final double TOLERANCE = 1e-9;

    private Answers() {
    }

    static String difference(JsonNode expected, JsonNode actual) {
        String status = expected.path("status").asText();
        if (!status.equals(actual.path("status").asText())) {
            return "status " + status + " " + brief(expected) + " vs " + actual.path("status").asText() + " " + brief(actual);
        }
        if (status.equals("error")) {
            String type = expected.path("errorType").asText();
            return type.equals(actual.path("errorType").asText()) ? null
                    : "errorType " + type + " vs " + actual.path("errorType").asText() + " (" + actual.path("error").asText() + ")";
        }
        JsonNode e = expected.path("data");
        JsonNode a = actual.path("data");
        String type = e.path("resultType").asText();
        if (!type.equals(a.path("resultType").asText())) {
            return "resultType " + type + " vs " + a.path("resultType").asText();
        }
        return switch (type) {
            case "scalar", "string" -> point(e.path("result"), a.path("result"));
            case "vector", "matrix" -> series(e.path("result"), a.path("result"), type.equals("vector") ? "value" : "values");
            default -> "unknown resultType " + type;
        };
    }

    private static String series(JsonNode expected, JsonNode actual, String field) {
        Map<String, JsonNode> e = byLabels(expected);
        Map<String, JsonNode> a = byLabels(actual);
        if (!e.keySet().equals(a.keySet())) {
            List<String> missing = new ArrayList<>(e.keySet());
            missing.removeAll(a.keySet());
            List<String> extra = new ArrayList<>(a.keySet());
            extra.removeAll(e.keySet());
            return "series: missing " + cut(missing) + ", extra " + cut(extra) + " (" + e.size() + " vs " + a.size() + ")";
        }
        for (Map.Entry<String, JsonNode> s : e.entrySet()) {
            JsonNode ep = s.getValue().path(field);
            JsonNode ap = a.get(s.getKey()).path(field);
            String d = field.equals("value") ? point(ep, ap) : points(ep, ap);
            if (d != null) {
                return s.getKey() + ": " + d;
            }
        }
        return null;
    }

    private static String points(JsonNode expected, JsonNode actual) {
        if (expected.size() != actual.size()) {
            return expected.size() + " points vs " + actual.size() + " (first " + expected.path(0) + " vs " + actual.path(0) + ")";
        }
        for (int i = 0; i < expected.size(); i++) {
            String d = point(expected.get(i), actual.get(i));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String point(JsonNode expected, JsonNode actual) {
        if (expected.path(0).asDouble() != actual.path(0).asDouble()) {
            return "time " + expected.path(0) + " vs " + actual.path(0);
        }
        String ev = expected.path(1).asText();
        String av = actual.path(1).asText();
        return ev.equals(av) || close(ev, av) ? null : "at " + expected.path(0) + ": " + ev + " vs " + av;
    }

    private static boolean close(String expected, String actual) {
        double e;
        double a;
        try {
            e = Double.parseDouble(expected.replace("Inf", "Infinity"));
            a = Double.parseDouble(actual.replace("Inf", "Infinity"));
        } catch (NumberFormatException ex) {
            return false;
        }
        if (Double.isNaN(e) || Double.isNaN(a) || Double.isInfinite(e) || Double.isInfinite(a)) {
            return Double.compare(e, a) == 0;
        }
        return Math.abs(e - a) <= TOLERANCE * Math.max(Math.abs(e), Math.abs(a)) || e == a;
    }

    private static Map<String, JsonNode> byLabels(JsonNode result) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode s : result) {
            out.put(labels(s.path("metric")), s);
        }
        return out;
    }

    static String labels(JsonNode metric) {
        Map<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            sorted.put(f.getKey(), f.getValue().asText());
        }
        return sorted.toString();
    }

    private static String cut(List<String> labelSets) {
        return labelSets.size() <= 2 ? labelSets.toString() : labelSets.subList(0, 2) + "+" + (labelSets.size() - 2);
    }

    private static String brief(JsonNode answer) {
        String error = answer.path("error").asText();
        return error.isEmpty() ? "" : "(" + error + ")";
    }
}
