package dev.vigil.promql;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A series' label set, sorted by name as Prometheus keeps it; empty values are absent labels. */
public record Labels(SortedMap<String, String> map) implements Comparable<Labels> {
    public static final String NAME = "__name__";
    public static final Labels EMPTY = new Labels(new TreeMap<>());

    public Labels {
        TreeMap<String, String> copy = new TreeMap<>();
        map.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                copy.put(k, v);
            }
        });
        map = java.util.Collections.unmodifiableSortedMap(copy);
    }

    public static Labels of(Map<String, String> map) {
        return new Labels(new TreeMap<>(map));
    }

    public static Labels of(String... nameValues) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put(nameValues[i], nameValues[i + 1]);
        }
        return new Labels(m);
    }

    public String get(String name) {
        return map.getOrDefault(name, "");
    }

    public Labels with(String name, String value) {
        TreeMap<String, String> m = new TreeMap<>(map);
        m.put(name, value);
        return new Labels(m);
    }

    public Labels without(String name) {
        if (!map.containsKey(name)) {
            return this;
        }
        TreeMap<String, String> m = new TreeMap<>(map);
        m.remove(name);
        return new Labels(m);
    }

    public Labels withoutName() {
        return without(NAME);
    }

    /** Only the named labels ({@code by}, {@code on}). */
    public Labels keep(Collection<String> names) {
        TreeMap<String, String> m = new TreeMap<>();
        for (String n : names) {
            if (map.containsKey(n)) {
                m.put(n, map.get(n));
            }
        }
        return new Labels(m);
    }

    /** All but the named labels and the metric name ({@code without}, {@code ignoring}). */
    public Labels drop(Collection<String> names) {
        TreeMap<String, String> m = new TreeMap<>(map);
        names.forEach(m::remove);
        m.remove(NAME);
        return new Labels(m);
    }

    @Override
    public int compareTo(Labels o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return map.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(", ", "{", "}"));
    }
}
