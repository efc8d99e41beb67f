package dev.vigil.ingest.persist;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records of one partition read since its last commit: the rows they decoded to, the records
 * that did not decode and go to the dead-letter topic, and the records their pipeline does not store.
 * One batch becomes one insert (per table) and one commit.
 *
 * <p>A batch may carry a boundary: the last offset of a batch an earlier owner of the partition began
 * to insert but did not commit. Such a batch closes exactly there, whatever its size or age, so it
 * gets the earlier batch's deduplication token.
 *
 * @param <R> the rows one record decodes to
 */
final class PartitionBatch<R> {
    private final String topic;
    private final int partition;
    private OptionalLong boundary;
    /** Kept with their rows so that a batch ClickHouse refuses for good can go to the dead-letter topic whole. */
    private final List<Decoded<R>> decoded = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private long items;
    private long firstOffset = -1;
    private long lastOffset = -1;
    private long startedNanos;

    PartitionBatch(String topic, int partition, OptionalLong boundary) {
        this.topic = topic;
        this.partition = partition;
        this.boundary = boundary;
    }

    /**
     * False when the record lies past this batch's boundary: the batch must be inserted first, and
     * the record starts the next one.
     */
    boolean accepts(long offset) {
        return isEmpty() || boundary.isEmpty() || offset <= boundary.getAsLong();
    }

    void add(ConsumerRecord<byte[], byte[]> record, R rows, int itemCount, long nowNanos) {
        start(record.offset(), nowNanos);
        decoded.add(new Decoded<>(record, rows, itemCount));
        items += itemCount;
    }

    void addDeadLetter(ConsumerRecord<byte[], byte[]> record, String reason, long nowNanos) {
        start(record.offset(), nowNanos);
        deadLetters.add(new DeadLetter(record, reason));
    }

    /** A record its pipeline does not store: it only moves the batch's offsets, so it is committed with them. */
    void addNotStored(ConsumerRecord<byte[], byte[]> record, long nowNanos) {
        start(record.offset(), nowNanos);
    }

    private void start(long offset, long nowNanos) {
        if (isEmpty()) {
            firstOffset = offset;
            startedNanos = nowNanos;
            // A boundary behind the first record belongs to data that is no longer there.
            if (boundary.isPresent() && offset > boundary.getAsLong()) {
                boundary = OptionalLong.empty();
            }
        }
        lastOffset = offset;
    }

    /** Whether to insert now: at the boundary when there is one, else when full or old enough. */
    boolean isDue(int maxItems, long lingerNanos, long nowNanos) {
        if (isEmpty()) {
            return false;
        }
        if (boundary.isPresent()) {
            return lastOffset >= boundary.getAsLong();
        }
        return items >= maxItems || nowNanos - startedNanos >= lingerNanos;
    }

    boolean isEmpty() {
        return firstOffset < 0;
    }

    String topic() {
        return topic;
    }

    int partition() {
        return partition;
    }

    long firstOffset() {
        return firstOffset;
    }

    long lastOffset() {
        return lastOffset;
    }

    /** Spans, log records or data points in the decoded records. */
    long items() {
        return items;
    }

    /** The records that decoded, in offset order, each with its rows. */
    List<Decoded<R>> decoded() {
        return decoded;
    }

    List<R> rows() {
        List<R> rows = new ArrayList<>(decoded.size());
        for (Decoded<R> d : decoded) {
            rows.add(d.rows());
        }
        return rows;
    }

    /** The records that did not decode, with the reason each goes to the dead-letter topic. */
    List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    String dedupToken() {
        return DedupToken.of(topic, partition, firstOffset, lastOffset);
    }

    /** A record that decoded, its rows, and how many items they hold. */
    record Decoded<R>(ConsumerRecord<byte[], byte[]> record, R rows, int items) {
    }

    /** A record bound for the dead-letter topic, and why. */
    record DeadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    }
}
