package dev.vigil.ingest.consume;

/**
 * When a batch is full: its items weigh {@code weight} (spans, log records, data points, requests), or the values of
 * their records come to {@code bytes}, whichever comes first. A record that would take a batch with items past either
 * starts the next one.
 *
 * <p>The bytes bound what a batch holds in memory whatever its items weigh: a span of the ingest benchmark takes
 * about 20 times the bytes of a data point, and the persist stage keeps each record beside its encoded rows until the
 * batch is stored.
 */
public record BatchLimit(long weight, long bytes) {

    public BatchLimit {
        if (weight < 1 || bytes < 1) {
            throw new IllegalArgumentException("a batch limit must be positive, was " + weight + " items and "
                    + bytes + " bytes");
        }
    }

    /** Full by weight alone. */
    public static BatchLimit ofWeight(long weight) {
        return new BatchLimit(weight, Long.MAX_VALUE);
    }
}
