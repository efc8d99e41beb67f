package dev.vigil.query.prometheus;

import dev.vigil.promql.Durations;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The Prometheus API's parameters: from the query string and a form body alike; times as Unix seconds or RFC 3339. */
final class ApiParameters {
    private final Map<String, List<String>> values;

    ApiParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    String required(String name) {
        String v = get(name);
        if (v == null || v.isEmpty()) {
            throw new ApiError("bad_data", "invalid parameter \"" + name + "\": missing");
        }
        return v;
    }

    /** A time in ms: Unix seconds (with a fraction) or RFC 3339; {@code fallback} when absent. */
    long time(String name, long fallback) {
        String v = get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return new BigDecimal(v).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            try {
                return OffsetDateTime.parse(v).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new ApiError("bad_data", "invalid parameter \"" + name + "\": cannot parse \"" + v + "\" to a valid timestamp");
            }
        }
    }

    /** A duration: seconds (with a fraction) or a Prometheus duration ({@code 1m30s}). */
    Duration duration(String name, Duration fallback) {
        String v = get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            double seconds = Double.parseDouble(v);
            if (!Double.isFinite(seconds)) {
                throw new NumberFormatException(v);
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            Duration d = Durations.parse(v);
            if (d == null) {
                throw new ApiError("bad_data", "invalid parameter \"" + name + "\": cannot parse \"" + v + "\" to a valid duration");
            }
            return d;
        }
    }
}
