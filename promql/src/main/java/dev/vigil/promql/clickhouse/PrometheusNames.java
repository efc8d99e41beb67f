package dev.vigil.promql.clickhouse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How an OpenTelemetry metric and its attributes are named in Prometheus, following the OpenTelemetry Prometheus
 * translation: words of the name joined by underscores, the unit as a suffix ({@code _seconds}, {@code _bytes},
 * {@code _ratio} for a gauge of unit 1), {@code _total} after a monotonic counter, attribute keys with every
 * character outside {@code [a-zA-Z0-9_]} made an underscore; {@code job} and {@code instance} from the resource.
 */
public final class PrometheusNames {
    /** What kind of Prometheus series an OpenTelemetry metric becomes. */
    public enum Kind {
        GAUGE, COUNTER, HISTOGRAM,
        /** Remote-written by a Prometheus: named and labelled in Prometheus's terms already, with no type. */
        UNTYPED
    }

    private static final Pattern NOT_NAME_CHAR = Pattern.compile("[^a-zA-Z0-9:]+");
    private static final Pattern NOT_LABEL_CHAR = Pattern.compile("[^a-zA-Z0-9_]");
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"), Map.entry("s", "seconds"),
            Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"),
            Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
            Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tibibytes"), Map.entry("KBy", "kilobytes"),
            Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"), Map.entry("TBy", "terabytes"),
            Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"), Map.entry("J", "joules"),
            Map.entry("W", "watts"), Map.entry("g", "grams"), Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"),
            Map.entry("%", "percent"));
    private static final Map<String, String> PER_UNITS = Map.of("s", "second", "m", "minute", "h", "hour", "d", "day",
            "w", "week", "mo", "month", "y", "year");

    private PrometheusNames() {
    }

    /** The Prometheus metric name (for a histogram, the family name its _bucket, _sum and _count extend). */
    public static String metricName(String name, String unit, Kind kind) {
        List<String> words = new ArrayList<>(Arrays.stream(NOT_NAME_CHAR.split(name)).filter(w -> !w.isEmpty()).toList());
        if (kind == Kind.COUNTER) {
            words.removeIf(w -> w.equals("total"));
        }
        List<String> unitWords = unitWords(unit == null ? "" : unit);
        if (!unitWords.isEmpty() && !endsWith(words, unitWords)) {
            words.addAll(unitWords);
        }
        if (kind == Kind.GAUGE && "1".equals(unit) && !words.contains("ratio")) {
            words.add("ratio");
        }
        if (kind == Kind.COUNTER) {
            words.add("total");
        }
        String out = String.join("_", words);
        return out.isEmpty() || Character.isDigit(out.charAt(0)) ? "_" + out : out;
    }

    /** An attribute key as a label name: {@code http.route} is {@code http_route}; a leading digit gets {@code key_}. */
    public static String labelName(String key) {
        String out = NOT_LABEL_CHAR.matcher(key).replaceAll("_");
        if (!out.isEmpty() && Character.isDigit(out.charAt(0))) {
            return "key_" + out;
        }
        if (out.startsWith("_") && !out.startsWith("__")) {
            return "key" + out;
        }
        return out;
    }

    /** {@code job}: the service's namespace and name, as the OpenTelemetry Prometheus exporter writes it. */
    public static String job(Map<String, String> resource) {
        String service = resource.getOrDefault("service.name", "");
        String namespace = resource.getOrDefault("service.namespace", "");
        return namespace.isEmpty() ? service : namespace + "/" + service;
    }

    /** {@code instance}: the service instance's id. */
    public static String instance(Map<String, String> resource) {
        return resource.getOrDefault("service.instance.id", "");
    }

    private static List<String> unitWords(String unit) {
        String bare = unit.replaceAll("\\{[^}]*}", "").strip();
        if (bare.isEmpty() || bare.equals("1")) {
            return List.of();
        }
        String[] parts = bare.split("/", 2);
        List<String> out = new ArrayList<>();
        String main = UNITS.getOrDefault(parts[0], parts[0]);
        if (!main.isEmpty()) {
            out.addAll(words(main));
        }
        if (parts.length == 2 && !parts[1].isEmpty()) {
            out.add("per");
            out.addAll(words(PER_UNITS.getOrDefault(parts[1], parts[1])));
        }
        return out;
    }

    private static List<String> words(String s) {
        return Arrays.stream(NOT_NAME_CHAR.split(s)).filter(w -> !w.isEmpty()).toList();
    }

    private static boolean endsWith(List<String> words, List<String> suffix) {
        return words.size() >= suffix.size() && words.subList(words.size() - suffix.size(), words.size()).equals(suffix);
    }
}
