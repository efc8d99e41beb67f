package dev.vigil.ingest.forward;

import java.time.Duration;

/** Exponential back-off: the initial wait, doubled per failed attempt, never above the maximum. */
record Backoff(Duration initial, Duration max) {

    /** The wait after {@code failures} failed attempts in a row (1 for the first). */
    Duration after(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
