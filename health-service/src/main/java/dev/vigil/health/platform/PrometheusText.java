package dev.vigil.health.platform;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text exposition format just enough to sum counters: {@code name{labels} value} lines,
 * comments and blank lines skipped. Label values may hold spaces and braces inside quotes.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    /** The value of every sample whose name matches {@code names}, summed over its label sets, by name. */
    static Map<String, Double> sums(String exposition, Pattern names) {
        Map<String, Double> sums = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = 0;
            while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
                nameEnd++;
            }
            String name = line.substring(0, nameEnd);
            if (!names.matcher(name).matches()) {
                continue;
            }
            int valueStart = nameEnd;
            if (valueStart < line.length() && line.charAt(valueStart) == '{') {
                valueStart = labelsEnd(line, valueStart);
                if (valueStart < 0) {
                    continue; // a truncated line: nothing to read
                }
            }
            String[] rest = line.substring(valueStart).strip().split("\\s+");
            if (rest.length == 0 || rest[0].isEmpty()) {
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(rest[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            sums.merge(name, value, Double::sum);
        }
        return sums;
    }

    /** The index after the closing brace of the label set opening at {@code open}, or -1. */
    private static int labelsEnd(String line, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i + 1;
            }
        }
        return -1;
    }
}
