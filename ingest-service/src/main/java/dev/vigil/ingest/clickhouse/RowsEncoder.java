package dev.vigil.ingest.clickhouse;

import java.util.Arrays;

/**
 * Builds {@link EncodedRows}: rows are written into {@link #buffer()} one after the other, and each is
 * ended with its timestamp, which is what inserts are cut by.
 */
public final class RowsEncoder {
    private final RowBinaryBuffer buffer;
    private long[] timestamps = new long[64];
    private int[] rowEnds = new int[64];
    private int rows;

    public RowsEncoder(int initialBytes) {
        this.buffer = new RowBinaryBuffer(initialBytes);
    }

    /** Where the row being written goes. */
    public RowBinaryBuffer buffer() {
        return buffer;
    }

    /** Ends the row written since the last one ended; its time in nanoseconds since the epoch. */
    public void endRow(long timestampNanos) {
        if (rows == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, rows * 2);
            rowEnds = Arrays.copyOf(rowEnds, rows * 2);
        }
        timestamps[rows] = timestampNanos;
        rowEnds[rows] = buffer.size();
        rows++;
    }

    public int rows() {
        return rows;
    }

    /** The rows ended so far, in arrays of their own size: a batch keeps them until it is stored. */
    public EncodedRows encoded() {
        if (rows == 0) {
            return EncodedRows.EMPTY;
        }
        return new EncodedRows(buffer.toByteArray(), rows, Arrays.copyOf(timestamps, rows), Arrays.copyOf(rowEnds, rows));
    }
}
