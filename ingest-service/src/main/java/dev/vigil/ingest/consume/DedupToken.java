package dev.vigil.ingest.consume;

/**
 * The {@code insert_deduplication_token} of a batch: its topic, partition and first and last offset.
 * A batch read again after a crash, cut at the same offsets, gets the same token, and ClickHouse
 * stores it once.
 */
public final class DedupToken {
    private DedupToken() {
    }

    public static String of(String topic, int partition, long firstOffset, long lastOffset) {
        if (firstOffset < 0 || lastOffset < firstOffset) {
            throw new IllegalArgumentException("offsets " + firstOffset + ".." + lastOffset + " are not a range");
        }
        return topic + ":" + partition + ":" + firstOffset + "-" + lastOffset;
    }
}
