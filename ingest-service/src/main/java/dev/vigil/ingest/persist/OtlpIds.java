package dev.vigil.ingest.persist;

import com.google.protobuf.ByteString;

/** The exporter's rule for trace and span ids of spans and log records: absent or all zeros is no id. */
final class OtlpIds {
    private OtlpIds() {
    }

    /** True for an empty id and for one of only zero bytes; such an id is stored as the empty string. */
    static boolean isAbsent(ByteString id) {
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The same of an id that is {@code bytes[from, to)}. */
    static boolean isAbsent(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
