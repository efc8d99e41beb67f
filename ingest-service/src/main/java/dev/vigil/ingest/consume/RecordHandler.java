package dev.vigil.ingest.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a {@link ConsumerLoop} does with its records: reads each as it is polled, then handles a
 * partition's batch at a time. Both run on the loop's thread.
 *
 * <p>{@link #handle} may be called again with a batch cut at the same offsets, after a retry, a
 * restart of the loop or on another instance after a rebalance; it must then leave the same result
 * behind, which is what {@link Batch#dedupToken()} is for.
 *
 * @param <T> what a record is read as
 */
public interface RecordHandler<T> {

    Read<T> read(ConsumerRecord<byte[], byte[]> record);

    /**
     * Handles one batch: {@link Outcome.Done} once its items are where they belong (the loop then
     * dead-letters what the outcome lists and commits), {@link Outcome.Retry} when nothing may be
     * committed yet. Any exception ends the loop's thread, and the loop restarts.
     */
    Outcome handle(Batch<T> batch) throws InterruptedException;
}
