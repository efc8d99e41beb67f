package dev.vigil.query.api;

import dev.vigil.http.error.ApiException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and parses query parameters the same way for every endpoint: each failure is a 400 naming the parameter,
 * and every value that reaches ClickHouse does so as a server-side parameter, never as SQL text.
 */
public final class QueryParameters {

    /** Span attribute filters are {@code attr.KEY=VALUE}. */
    public static final String ATTRIBUTE_PREFIX = "attr.";
    /** Resource attribute filters are {@code resource.KEY=VALUE}. */
    public static final String RESOURCE_PREFIX = "resource.";
    public static final int MAX_ATTRIBUTE_FILTERS = 10;
    private static final int MAX_TEXT = 256;
    private static final int MAX_VALUE = 1024;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)(ns|us|µs|ms|s|m|h)");

    private QueryParameters() {
    }

    /** 400 for any parameter not in {@code allowed} (and not an attribute filter where {@code attributes}). */
    public static void rejectUnknown(UriInfo uri, Set<String> allowed, boolean attributes) {
        Set<String> unknown = new TreeSet<>();
        for (String name : uri.getQueryParameters().keySet()) {
            if (!allowed.contains(name) && !(attributes
                    && (name.startsWith(ATTRIBUTE_PREFIX) || name.startsWith(RESOURCE_PREFIX)))) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String name = unknown.iterator().next();
            throw ApiException.invalidParameter("query", printable(name), "is not known here; known: "
                    + String.join(", ", new TreeSet<>(allowed)) + (attributes ? ", attr.KEY, resource.KEY" : ""));
        }
        for (Map.Entry<String, List<String>> e : uri.getQueryParameters().entrySet()) {
            if (e.getValue().size() > 1) {
                throw ApiException.invalidParameter("query", printable(e.getKey()), "must be given once");
            }
        }
    }

    /** A name, e.g. a service or operation: at most 256 characters, no control characters; blank is absent. */
    public static Optional<String> text(String raw, String name) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.length() > MAX_TEXT) {
            throw ApiException.invalidParameter("query", name, "must be at most " + MAX_TEXT + " characters");
        }
        checkPrintable(raw, name);
        return Optional.of(raw);
    }

    /** {@code limit}: 1 to {@code vigil.query.max-limit}; absent is the default. */
    public static int limit(String raw, QueryConfig config) {
        if (raw == null || raw.isEmpty()) {
            return config.defaultLimit();
        }
        long value = wholeNumber(raw, "limit");
        if (value < 1 || value > config.maxLimit()) {
            throw ApiException.invalidParameter("query", "limit", "must be between 1 and " + config.maxLimit());
        }
        return (int) value;
    }

    /** Most buckets a time series may have: more make a chart no one can read, and a large answer. */
    public static final long MAX_BUCKETS = 1_440;

    /** The grain a {@code step} must be a whole number of. */
    public enum StepUnit {
        SECONDS(1, "seconds"), MINUTES(60, "minutes");

        private final long seconds;
        private final String name;

        StepUnit(long seconds, String name) {
            this.seconds = seconds;
            this.name = name;
        }
    }

    /**
     * {@code step}, the bucket length in seconds of a time series over {@code rangeSeconds}: a whole number of
     * {@code unit}s making at most {@link #MAX_BUCKETS} buckets (the last may be shorter); absent: about 60 buckets,
     * rounded up to whole units.
     */
    public static long step(String raw, long rangeSeconds, StepUnit unit) {
        Optional<Long> nanos = durationNanos(raw, "step");
        if (nanos.isEmpty()) {
            long sixtieth = (rangeSeconds + 59) / 60;
            return Math.max(unit.seconds, (sixtieth + unit.seconds - 1) / unit.seconds * unit.seconds);
        }
        long unitNanos = unit.seconds * 1_000_000_000L;
        if (nanos.get() == 0 || nanos.get() % unitNanos != 0) {
            throw ApiException.invalidParameter("query", "step", "must be a whole number of " + unit.name);
        }
        long step = nanos.get() / 1_000_000_000L;
        if ((rangeSeconds + step - 1) / step > MAX_BUCKETS) {
            throw ApiException.invalidParameter("query", "step", "makes more than " + MAX_BUCKETS
                    + " points in this range; take a longer step");
        }
        return step;
    }

    /** A non-negative whole number of at most 18 digits. */
    public static long wholeNumber(String raw, String name) {
        if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.invalidParameter("query", name, "must be a whole number");
        }
        return Long.parseLong(raw);
    }

    /**
     * A duration as nanoseconds: a number and a unit, {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
     * {@code h} (e.g. {@code 250ms}, {@code 1.5s}), or a bare number of milliseconds.
     */
    public static Optional<Long> durationNanos(String raw, String name) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long millis = wholeNumber(raw, name);
            if (millis > 1_000_000_000_000L) {
                throw ApiException.invalidParameter("query", name, "is too large");
            }
            return Optional.of(millis * 1_000_000L);
        }
        Matcher m = DURATION.matcher(raw);
        if (!m.matches()) {
            throw ApiException.invalidParameter("query", name, "must be a duration such as 250ms, 1.5s or 2m");
        }
        double unit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        double nanos = Double.parseDouble(m.group(1)) * unit;
        if (nanos > 1e18) {
            throw ApiException.invalidParameter("query", name, "is too large");
        }
        return Optional.of(Math.round(nanos));
    }

    /** The {@code attr.KEY=VALUE} (span attribute) filters, in a stable order. */
    public static Map<String, String> attributes(UriInfo uri) {
        return attributes(uri, ATTRIBUTE_PREFIX);
    }

    /** The {@code resource.KEY=VALUE} (resource attribute) filters, in a stable order. */
    public static Map<String, String> resourceAttributes(UriInfo uri) {
        return attributes(uri, RESOURCE_PREFIX);
    }

    private static Map<String, String> attributes(UriInfo uri, String prefix) {
        Map<String, String> filters = new LinkedHashMap<>();
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        String label = prefix + "KEY";
        long total = query.keySet().stream()
                .filter(n -> n.startsWith(ATTRIBUTE_PREFIX) || n.startsWith(RESOURCE_PREFIX)).count();
        if (total > MAX_ATTRIBUTE_FILTERS) {
            throw ApiException.invalidParameter("query", "attr.KEY", "and resource.KEY may be given at most "
                    + MAX_ATTRIBUTE_FILTERS + " times together");
        }
        for (String name : new TreeSet<>(query.keySet())) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            String key = name.substring(prefix.length());
            if (key.isEmpty() || key.length() > MAX_TEXT) {
                throw ApiException.invalidParameter("query", label, "needs a key of 1 to " + MAX_TEXT
                        + " characters");
            }
            checkPrintable(key, label);
            String value = query.getFirst(name);
            if (value == null || value.length() > MAX_VALUE) {
                throw ApiException.invalidParameter("query", printable(name), "must have a value of at most "
                        + MAX_VALUE + " characters");
            }
            checkPrintable(value, printable(name));
            filters.put(key, value);
        }
        return filters;
    }

    /** An opaque page cursor: the fields of the last item of the page before. */
    public static String cursor(String... fields) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\n", fields).getBytes(StandardCharsets.UTF_8));
    }

    /** The fields of a cursor made by {@link #cursor}; 400 unless it has {@code count} fields. */
    public static Optional<List<String>> cursor(String raw, int count) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        String decoded;
        try {
            if (raw.length() > 2048) {
                throw new IllegalArgumentException("too long");
            }
            decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("query", "cursor", "is not a cursor this API returned");
        }
        List<String> fields = List.of(decoded.split("\n", -1));
        if (fields.size() != count) {
            throw ApiException.invalidParameter("query", "cursor", "is not a cursor this API returned");
        }
        return Optional.of(fields);
    }

    private static void checkPrintable(String value, String name) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw ApiException.invalidParameter("query", name, "must not contain control characters");
            }
        }
    }

    // Parameter names are echoed in messages; keep them short and free of control characters.
    private static String printable(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
