package dev.vigil.query.trace;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats span times for the API: RFC 3339, UTC, always nine fraction digits.
 *
 * <p>ClickHouse hands times over as Unix nanoseconds ({@code toUnixTimestamp64Nano}), so no precision is lost
 * on the way, and the fixed width means the strings of one answer sort the way the times do.
 */
public final class Timestamps {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final DateTimeFormatter RFC_3339_NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String fromUnixNanos(long unixNanos) {
        Instant instant = Instant.ofEpochSecond(
                Math.floorDiv(unixNanos, NANOS_PER_SECOND), Math.floorMod(unixNanos, NANOS_PER_SECOND));
        return RFC_3339_NANOS.format(instant);
    }
}
