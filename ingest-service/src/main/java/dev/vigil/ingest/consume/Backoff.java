package dev.vigil.ingest.consume;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with a cap and jitter: the wait after {@code n} failures in a row is
 * {@code initial * 2^(n-1)}, at most {@code max}, of which a random share up to a half is taken off, so that
 * consumers that failed together do not all try again at the same instant.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a back-off needs 0 < initial <= max, was " + initial + " and " + max);
        }
    }

    /** The wait after {@code failures} failed attempts in a row (1 for the first). */
    public Duration after(int failures) {
        Duration capped = ceiling(failures);
        long nanos = capped.toNanos();
        return Duration.ofNanos(nanos - ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
    }

    /** The wait after {@code failures} failures before jitter: the longest {@link #after} can return. */
    public Duration ceiling(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
