package dev.vigil.ingest.clickhouse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * ClickHouse's RowBinary encoding of the types Vigil's tables use, written into memory, growing as needed: rows
 * encoded when a record is read, to be sent as they are later ({@link EncodedRows}). A string's characters go
 * straight into the buffer as UTF-8, without an array of their own on the way.
 */
public final class RowBinaryBuffer {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] HEX_DIGITS = {
            '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    /** The largest array the VM allocates. */
    private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    private byte[] bytes;
    private int size;

    public RowBinaryBuffer(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** Int64, UInt64 (as its bit pattern) and DateTime64(9) (nanoseconds since the epoch). */
    public void int64(long value) {
        ensure(8);
        LONG_LE.set(bytes, size, value);
        size += 8;
    }

    /** Int32 and UInt32 (as its bit pattern). */
    public void int32(int value) {
        ensure(4);
        INT_LE.set(bytes, size, value);
        size += 4;
    }

    /** UInt8 and Bool. */
    public void uint8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    public void float64(double value) {
        int64(Double.doubleToRawLongBits(value));
    }

    /**
     * DateTime from epoch nanoseconds: whole seconds as UInt32, clamped to the range the type holds
     * (1970 to 2106) rather than wrapped around.
     */
    public void dateTime(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int32((int) Math.clamp(seconds, 0L, 0xFFFF_FFFFL));
    }

    /** Map(String, String): the number of entries, then key and value of each. */
    public void map(Map<String, String> map) {
        varUInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            string(e.getKey());
            string(e.getValue());
        }
    }

    /** The unsigned LEB128 length prefix of strings, arrays and maps. */
    public void varUInt(long value) {
        ensure(10);
        size = putVarUInt(bytes, size, value);
    }

    /**
     * String and LowCardinality(String) as {@link String#getBytes} with UTF-8 encodes them, an
     * unpaired surrogate included (it becomes {@code ?}).
     */
    public void string(String value) {
        int length = value.length();
        // At most three bytes per char: a surrogate pair, two chars, takes four.
        long maxBytes = 3L * length;
        int reserved = varUIntSize(maxBytes);
        ensure(reserved + maxBytes);
        int start = size + reserved;
        int end = putUtf8(value, bytes, start);
        int encoded = end - start;
        int prefix = varUIntSize(encoded);
        if (prefix < reserved) {
            System.arraycopy(bytes, start, bytes, size + prefix, encoded);
        }
        size = putVarUInt(bytes, size, encoded) + encoded;
    }

    /** A String column holding the lowercase hex digits of {@code source[from, to)}, two per byte. */
    public void hexString(byte[] source, int from, int to) {
        int length = to - from;
        varUInt(2L * length);
        ensure(2L * length);
        for (int i = from; i < to; i++) {
            int b = source[i] & 0xFF;
            bytes[size++] = HEX_DIGITS[b >>> 4];
            bytes[size++] = HEX_DIGITS[b & 0x0F];
        }
    }

    /**
     * A String column of bytes that already are UTF-8, {@code source[from, to)}, copied as they are: a protobuf
     * string goes into a row without being decoded and encoded again.
     */
    public void utf8(byte[] source, int from, int to) {
        int length = to - from;
        varUInt(length);
        ensure(length);
        System.arraycopy(source, from, bytes, size, length);
        size += length;
    }

    /** What the other buffer holds, as it is: columns encoded once for many rows. */
    public void append(RowBinaryBuffer other) {
        appendRange(other, 0, other.size);
    }

    /** Bytes {@code [from, to)} of what the other buffer holds, as they are. */
    public void appendRange(RowBinaryBuffer other, int from, int to) {
        if (from < 0 || from > to || to > other.size) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + other.size + " bytes");
        }
        ensure(to - from);
        System.arraycopy(other.bytes, from, bytes, size, to - from);
        size += to - from;
    }

    public int size() {
        return size;
    }

    /** Forgets everything written after the first {@code size} bytes. */
    public void truncate(int size) {
        if (size < 0 || size > this.size) {
            throw new IllegalArgumentException("cannot truncate " + this.size + " bytes to " + size);
        }
        this.size = size;
    }

    /** A copy of the bytes written, exactly as long as they are. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(long needed) {
        long required = size + needed;
        if (required <= bytes.length) {
            return;
        }
        if (required > MAX_BYTES) {
            throw new OutOfMemoryError("RowBinary of " + required + " bytes does not fit in one array");
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(required, 2L * bytes.length), MAX_BYTES));
    }

    private static int varUIntSize(long value) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
    }

    /** Writes the unsigned LEB128 encoding of {@code value} from {@code at} on and returns where it ends. */
    static int putVarUInt(byte[] bytes, int at, long value) {
        int p = at;
        long v = value;
        while ((v & ~0x7FL) != 0) {
            bytes[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[p++] = (byte) v;
        return p;
    }

    /** Writes the UTF-8 encoding of the string from {@code at} on and returns where it ends. */
    private static int putUtf8(String s, byte[] bytes, int at) {
        int p = at;
        int length = s.length();
        int i = 0;
        for (; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            bytes[p++] = (byte) c;
        }
        for (; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes[p++] = (byte) c;
            } else if (c < 0x800) {
                bytes[p++] = (byte) (0xC0 | (c >>> 6));
                bytes[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                bytes[p++] = (byte) (0xE0 | (c >>> 12));
                bytes[p++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                bytes[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, s.charAt(++i));
                bytes[p++] = (byte) (0xF0 | (codePoint >>> 18));
                bytes[p++] = (byte) (0x80 | ((codePoint >>> 12) & 0x3F));
                bytes[p++] = (byte) (0x80 | ((codePoint >>> 6) & 0x3F));
                bytes[p++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                bytes[p++] = '?';
            }
        }
        return p;
    }
}
