package dev.vigil.promql;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations: one or more of {@code y w d h m s ms}, largest first, each unit once ({@code 1h30m}). */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");
    private static final String ORDER = "y w d h m s ms";

    private Durations() {
    }

    /** The duration, or null when the text is not one. */
    public static Duration parse(String text) {
        Matcher m = PART.matcher(text);
        int at = 0;
        int lastUnit = -1;
        long millis = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            int unit = unitIndex(m.group(2));
            if (unit <= lastUnit) {
                return null;
            }
            lastUnit = unit;
            millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(m.group(1)), unitMillis(m.group(2))));
            at = m.end();
        }
        return at == 0 ? null : Duration.ofMillis(millis);
    }

    private static int unitIndex(String unit) {
        return java.util.List.of(ORDER.split(" ")).indexOf(unit);
    }

    private static long unitMillis(String unit) {
        return switch (unit) {
            case "y" -> 365L * 24 * 3600 * 1000;
            case "w" -> 7L * 24 * 3600 * 1000;
            case "d" -> 24L * 3600 * 1000;
            case "h" -> 3600L * 1000;
            case "m" -> 60L * 1000;
            case "s" -> 1000L;
            case "ms" -> 1L;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    /** Prometheus's spelling of a duration ({@code 1h30m}, {@code 0s}). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (String unit : ORDER.split(" ")) {
            long size = unitMillis(unit);
            if (ms >= size) {
                out.append(ms / size).append(unit);
                ms %= size;
            }
        }
        return out.toString();
    }
}
