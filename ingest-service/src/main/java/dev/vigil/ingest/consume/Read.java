package dev.vigil.ingest.consume;

/**
 * What a handler makes of one record as it is polled: a value the batch carries to the handler, a
 * record to pass over (committed with the batch), or a record refused at once, bound for the
 * dead-letter topic.
 *
 * @param <T> what the handler reads a record as
 */
public sealed interface Read<T> {

    /** @param weight what counts towards the batch size: spans, log records, data points, requests */
    record Item<T>(T value, int weight) implements Read<T> {
    }

    record Skip<T>() implements Read<T> {
    }

    record Refuse<T>(String reason) implements Read<T> {
    }

    static <T> Read<T> item(T value, int weight) {
        return new Item<>(value, weight);
    }

    static <T> Read<T> skip() {
        return new Skip<>();
    }

    static <T> Read<T> refuse(String reason) {
        return new Refuse<>(reason);
    }
}
