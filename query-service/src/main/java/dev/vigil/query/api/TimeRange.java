package dev.vigil.query.api;

import dev.vigil.http.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The half-open time window {@code [from, to)} of a request, in Unix nanoseconds.
 *
 * <p>{@code from} and {@code to} are RFC 3339 ({@code 2026-11-22T10:15:30Z}, an offset, fractions) or epoch
 * milliseconds. Absent {@code to} is now; absent {@code from} is {@code to} minus the default window. A window that
 * is empty, reversed or longer than {@code vigil.query.max-window} is a 400 naming the parameter.
 */
public record TimeRange(long fromNanos, long toNanos) {

    // Years 1970 to 2262: what a signed 64-bit count of nanoseconds holds.
    private static final long MAX_EPOCH_MILLIS = Long.MAX_VALUE / 1_000_000L;

    public static TimeRange parse(String from, String to, QueryConfig config) {
        return parse(from, "from", to, "to", config, Instant.now());
    }

    public static TimeRange parse(String from, String fromName, String to, String toName, QueryConfig config,
            Instant now) {
        long toNanos = to == null ? nanos(now) : instant(to, toName);
        long fromNanos = from == null ? toNanos - config.defaultWindow().toNanos() : instant(from, fromName);
        if (fromNanos >= toNanos) {
            throw ApiException.invalidParameter("query", fromName, "must be before '" + toName + "'");
        }
        Duration window = Duration.ofNanos(toNanos - fromNanos);
        if (window.compareTo(config.maxWindow()) > 0) {
            throw ApiException.invalidParameter("query", fromName, "must be at most " + config.maxWindow()
                    + " (vigil.query.max-window) before '" + toName + "'");
        }
        return new TimeRange(fromNanos, toNanos);
    }

    /** A window given in nanoseconds, checked like a parsed one; the names are the parameters it came from. */
    public static TimeRange of(long fromNanos, String fromName, long toNanos, String toName, QueryConfig config) {
        if (fromNanos >= toNanos) {
            throw ApiException.invalidParameter("query", fromName, "must be before '" + toName + "'");
        }
        if (toNanos - fromNanos > config.maxWindow().toNanos()) {
            throw ApiException.invalidParameter("query", fromName, "must be at most " + config.maxWindow()
                    + " (vigil.query.max-window) before '" + toName + "'");
        }
        return new TimeRange(fromNanos, toNanos);
    }

    /** RFC 3339 or epoch milliseconds, as Unix nanoseconds. */
    static long instant(String raw, String name) {
        if (raw.isEmpty() || raw.length() > 40) {
            throw ApiException.invalidParameter("query", name, "must be RFC 3339 or epoch milliseconds");
        }
        if (raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long millis;
            try {
                millis = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                millis = Long.MAX_VALUE;
            }
            if (millis > MAX_EPOCH_MILLIS) {
                throw ApiException.invalidParameter("query", name, "is too far in the future");
            }
            return millis * 1_000_000L;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidParameter("query", name, "must be RFC 3339 (e.g. 2026-11-22T10:15:30Z) "
                    + "or epoch milliseconds");
        }
        if (instant.isBefore(Instant.EPOCH) || instant.getEpochSecond() >= MAX_EPOCH_MILLIS / 1000) {
            throw ApiException.invalidParameter("query", name, "must be between 1970 and 2262");
        }
        return nanos(instant);
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    public long seconds() {
        return (toNanos - fromNanos) / 1_000_000_000L;
    }

    /** {@code from} rounded down to a whole second, in Unix seconds. */
    public long fromSecond() {
        return Math.floorDiv(fromNanos, 1_000_000_000L);
    }

    /** {@code to} rounded up to a whole second, in Unix seconds. */
    public long toSecond() {
        return -Math.floorDiv(-toNanos, 1_000_000_000L);
    }

    /** {@code from} rounded down to a whole minute, in Unix seconds. */
    public long fromMinuteSeconds() {
        return Math.floorDiv(fromNanos, 60_000_000_000L) * 60;
    }

    /** {@code to} rounded up to a whole minute, in Unix seconds: the first minute not included. */
    public long toMinuteSeconds() {
        return -Math.floorDiv(-toNanos, 60_000_000_000L) * 60;
    }
}
