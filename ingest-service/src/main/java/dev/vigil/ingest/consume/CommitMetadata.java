package dev.vigil.ingest.consume;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the loop writes into the metadata of a committed offset. Before handing a batch to its handler
 * it commits the batch's first offset with the batch's last offset as metadata; after the handler
 * confirmed it commits past the batch. Whoever reads the partition next, after a crash or a rebalance,
 * finds the marker and cuts its first batch at the same last offset, so the batch gets the same
 * deduplication token and ClickHouse stores it once.
 */
public final class CommitMetadata {
    private static final String PENDING = "vigil-pending-last-offset=";
    private static final Pattern PENDING_MARKER = Pattern.compile(Pattern.quote(PENDING) + "(\\d{1,18})");

    private CommitMetadata() {
    }

    public static String pending(long lastOffset) {
        return PENDING + lastOffset;
    }

    /** Empty for anything but a marker written by {@link #pending}, including no metadata at all. */
    public static OptionalLong pendingLastOffset(String metadata) {
        if (metadata == null) {
            return OptionalLong.empty();
        }
        Matcher m = PENDING_MARKER.matcher(metadata);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
