package dev.vigil.ingest.consume;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How a handler ended with a batch. */
public sealed interface Outcome {

    /**
     * The batch is done: everything but the dead letters is where it belongs. The loop publishes the
     * dead letters, commits past the batch, then runs {@code afterCommit} (counters that must count a batch once).
     */
    record Done(List<DeadLetter> deadLetters, Runnable afterCommit) implements Outcome {
    }

    /**
     * Nothing may be committed yet, and the same batch may succeed later: the loop pauses the
     * partition, waits ({@code after} when the other side asked for a time, else its back-off), seeks
     * back and hands the batch, cut at the same offsets, to the handler again.
     */
    record Retry(String reason, Optional<Duration> after) implements Outcome {
    }

    static Outcome done(List<DeadLetter> deadLetters) {
        return new Done(deadLetters, () -> {
        });
    }

    static Outcome retry(String reason) {
        return new Retry(reason, Optional.empty());
    }
}
