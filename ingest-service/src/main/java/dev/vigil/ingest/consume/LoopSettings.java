package dev.vigil.ingest.consume;

import java.time.Duration;
import java.util.List;

/**
 * How one {@link ConsumerLoop} reads.
 *
 * @param name the thread's name and the consumer's client id
 * @param groupId the consumer group whose committed offsets the loop keeps
 * @param topics what it subscribes to; a new group starts at their beginning
 * @param maxPollRecords at most this many records per poll
 * @param limit a batch is handed over once it is full (and a record that would take a batch with items
 *        past it starts the next one)
 * @param linger … or once its first record waited this long
 * @param retry the waits between attempts at a batch the handler could not finish
 * @param markPending whether to commit a pending marker (see {@link CommitMetadata}) before handing over a
 *        batch with items, so that whoever handles it next cuts it at the same offsets
 */
public record LoopSettings(String name, String groupId, List<String> topics, int maxPollRecords, BatchLimit limit,
        Duration linger, Backoff retry, boolean markPending) {

    public LoopSettings {
        topics = List.copyOf(topics);
        if (maxPollRecords < 1 || linger.isNegative() || linger.isZero()) {
            throw new IllegalArgumentException("loop " + name + ": max poll records and linger must be positive");
        }
    }
}
