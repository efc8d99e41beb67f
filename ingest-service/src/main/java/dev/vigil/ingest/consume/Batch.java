package dev.vigil.ingest.consume;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records of one partition read since its last commit: the items they were read as, the records
 * refused at once, and (implicitly, in the offsets) the records passed over. One batch, one commit.
 *
 * <p>A batch may carry a boundary: the last offset of a batch an earlier reader of the partition
 * handed to its handler but did not commit. Such a batch closes exactly there, whatever its size or
 * age, so it gets the earlier batch's deduplication token.
 *
 * @param <T> what the handler read each record as
 */
public final class Batch<T> {
    private final String topic;
    private final int partition;
    private OptionalLong boundary;
    private final List<Entry<T>> entries = new ArrayList<>();
    private final List<DeadLetter> refused = new ArrayList<>();
    private long weight;
    /** The values of the items' records. */
    private long bytes;
    private long firstOffset = -1;
    private long lastOffset = -1;
    private long startedNanos;

    public Batch(String topic, int partition, OptionalLong boundary) {
        this.topic = topic;
        this.partition = partition;
        this.boundary = boundary;
    }

    /** A record read as an item, its value and weight. */
    public record Entry<T>(ConsumerRecord<byte[], byte[]> record, T value, int weight) {
    }

    /**
     * False when the record must start the next batch: it lies past this batch's boundary, or, without
     * a boundary, it would take a batch that already has items past the limit's weight or bytes.
     */
    boolean accepts(long offset, int recordWeight, long recordBytes, BatchLimit limit) {
        if (isEmpty()) {
            return true;
        }
        if (boundary.isPresent()) {
            return offset <= boundary.getAsLong();
        }
        return weight == 0 || recordWeight == 0
                || (weight + recordWeight <= limit.weight() && bytes + recordBytes <= limit.bytes());
    }

    /** What a record counts towards {@link BatchLimit#bytes()}. */
    static long bytesOf(ConsumerRecord<byte[], byte[]> record) {
        return Math.max(0, record.serializedValueSize());
    }

    void add(ConsumerRecord<byte[], byte[]> record, Read<T> read, long nowNanos) {
        start(record.offset(), nowNanos);
        switch (read) {
            case Read.Item<T> item -> {
                entries.add(new Entry<>(record, item.value(), item.weight()));
                weight += item.weight();
                bytes += bytesOf(record);
            }
            case Read.Refuse<T> refuse -> refused.add(new DeadLetter(record, refuse.reason()));
            case Read.Skip<T> skip -> {
                // Only its offset counts: it is committed with the batch.
            }
        }
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

    /** Whether to hand it over now: at the boundary when there is one, else when full or old enough. */
    boolean isDue(BatchLimit limit, long lingerNanos, long nowNanos) {
        if (isEmpty()) {
            return false;
        }
        if (boundary.isPresent()) {
            return lastOffset >= boundary.getAsLong();
        }
        return weight >= limit.weight() || bytes >= limit.bytes() || nowNanos - startedNanos >= lingerNanos;
    }

    boolean isEmpty() {
        return firstOffset < 0;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long firstOffset() {
        return firstOffset;
    }

    public long lastOffset() {
        return lastOffset;
    }

    /** The sum of the items' weights. */
    public long weight() {
        return weight;
    }

    /** The records read as items, in offset order. */
    public List<Entry<T>> entries() {
        return entries;
    }

    /** The records refused as they were read, with the reason each goes to the dead-letter topic. */
    public List<DeadLetter> refused() {
        return refused;
    }

    /** Topic, partition and offset range: the same for a batch cut at the same offsets again. */
    public String dedupToken() {
        return DedupToken.of(topic, partition, firstOffset, lastOffset);
    }
}
