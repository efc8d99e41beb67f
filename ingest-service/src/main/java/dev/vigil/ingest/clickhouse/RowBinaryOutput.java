package dev.vigil.ingest.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * ClickHouse's RowBinary encoding of the few types Vigil's tables use, buffered: the client's
 * stream compresses what it is given, and small writes would each become a call into it.
 */
final class RowBinaryOutput {
    private final OutputStream out;
    private final byte[] buffer;
    private int position;

    RowBinaryOutput(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[bufferSize];
    }

    /** Int64, UInt64 (as its bit pattern) and DateTime64(9) (nanoseconds since the epoch). */
    void int64(long value) throws IOException {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[position++] = (byte) (value >>> (8 * i));
        }
    }

    /** Int32 and UInt32 (as its bit pattern). */
    void int32(int value) throws IOException {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buffer[position++] = (byte) (value >>> (8 * i));
        }
    }

    /** UInt8 and Bool. */
    void uint8(int value) throws IOException {
        ensure(1);
        buffer[position++] = (byte) value;
    }

    void float64(double value) throws IOException {
        int64(Double.doubleToRawLongBits(value));
    }

    /**
     * DateTime from epoch nanoseconds: whole seconds as UInt32, clamped to the range the type holds
     * (1970 to 2106) rather than wrapped around.
     */
    void dateTime(long epochNanos) throws IOException {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int32((int) Math.clamp(seconds, 0L, 0xFFFF_FFFFL));
    }

    /** The unsigned LEB128 length prefix of strings, arrays and maps. */
    void varUInt(long value) throws IOException {
        ensure(10);
        position = RowBinaryBuffer.putVarUInt(buffer, position, value);
    }

    /** String and LowCardinality(String): RowBinary writes both as length and UTF-8 bytes. */
    void string(String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        varUInt(bytes.length);
        bytes(bytes);
    }

    /** Map(String, String): the number of entries, then key and value of each. */
    void map(Map<String, String> map) throws IOException {
        varUInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            string(e.getKey());
            string(e.getValue());
        }
    }

    void flush() throws IOException {
        out.write(buffer, 0, position);
        position = 0;
        out.flush();
    }

    /** Bytes as they are: rows or values encoded beforehand. */
    void bytes(byte[] bytes) throws IOException {
        if (bytes.length > buffer.length) {
            out.write(buffer, 0, position);
            position = 0;
            out.write(bytes);
            return;
        }
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private void ensure(int needed) throws IOException {
        if (buffer.length - position < needed) {
            out.write(buffer, 0, position);
            position = 0;
        }
    }
}
