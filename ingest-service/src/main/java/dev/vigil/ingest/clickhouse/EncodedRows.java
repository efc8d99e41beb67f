package dev.vigil.ingest.clickhouse;

import java.io.ByteArrayOutputStream;
import java.util.function.LongPredicate;

/**
 * Rows of one table already in RowBinary, in the column order of the table's writer, ready to be
 * sent as they are. No one mutates the bytes or the arrays.
 *
 * @param rowBinary the rows, one after the other
 * @param rows how many rows the bytes hold
 * @param timestamps each row's time in nanoseconds since the epoch: what the table is partitioned by
 * @param rowEnds where each row's bytes end
 */
public record EncodedRows(byte[] rowBinary, int rows, long[] timestamps, int[] rowEnds) {

    public static final EncodedRows EMPTY = new EncodedRows(new byte[0], 0, new long[0], new int[0]);

    public EncodedRows {
        if (timestamps.length != rows || rowEnds.length != rows) {
            throw new IllegalArgumentException(rows + " rows need as many timestamps and ends, got "
                    + timestamps.length + " and " + rowEnds.length);
        }
    }

    /** The rows whose timestamp {@code keep} accepts, in their order; these very rows when it accepts all. */
    public EncodedRows only(LongPredicate keep) {
        int kept = 0;
        for (long t : timestamps) {
            if (keep.test(t)) {
                kept++;
            }
        }
        if (kept == rows) {
            return this;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] keptTimestamps = new long[kept];
        int[] keptEnds = new int[kept];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            if (keep.test(timestamps[i])) {
                int start = i == 0 ? 0 : rowEnds[i - 1];
                bytes.write(rowBinary, start, rowEnds[i] - start);
                keptTimestamps[k] = timestamps[i];
                keptEnds[k] = bytes.size();
                k++;
            }
        }
        return new EncodedRows(bytes.toByteArray(), kept, keptTimestamps, keptEnds);
    }
}
