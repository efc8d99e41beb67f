package dev.vigil.ingest.persist;

import dev.vigil.ingest.clickhouse.RowBinaryBuffer;

/** The exporter's rule for trace and span ids of spans and log records: absent or all zeros is no id. */
final class OtlpIds {
    private OtlpIds() {
    }

    /** An id that is {@code bytes[from, to)} as lowercase hex; one that is empty or all zeros as the empty string. */
    static void write(RowBinaryBuffer out, byte[] bytes, int from, int to) {
        if (isAbsent(bytes, from, to)) {
            out.varUInt(0);
        } else {
            out.hexString(bytes, from, to);
        }
    }

    private static boolean isAbsent(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
