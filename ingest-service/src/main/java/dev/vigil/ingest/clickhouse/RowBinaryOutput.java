package dev.vigil.ingest.clickhouse;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Rows encoded beforehand ({@link EncodedRows}) written to an insert's stream through a buffer: the client's
 * stream compresses what it is given, and the rows of many small records would each become a call into it.
 */
final class RowBinaryOutput {
    private final OutputStream out;
    private final byte[] buffer;
    private int position;

    RowBinaryOutput(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[bufferSize];
    }

    void flush() throws IOException {
        out.write(buffer, 0, position);
        position = 0;
        out.flush();
    }

    /** Bytes as they are: rows or values encoded beforehand. */
    void bytes(byte[] bytes) throws IOException {
        if (bytes.length > buffer.length - position) {
            out.write(buffer, 0, position);
            position = 0;
        }
        if (bytes.length > buffer.length) {
            out.write(bytes);
            return;
        }
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }
}
