package dev.vigil.ingest.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;

/**
 * Reads the fields of one protobuf message in place, from {@code pos} to {@code limit} of an array: no objects per
 * field, and a length-delimited field (string, bytes, message) is only where it is ({@link #start()} to
 * {@link #end()}), so its bytes can be copied, or read as a message of its own, by whoever wants them.
 * Malformed input is an {@link InvalidProtocolBufferException}, as protobuf's own parser reports it.
 */
public final class WireReader {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    private static final int START_GROUP = 3;
    private static final int END_GROUP = 4;
    public static final int FIXED32 = 5;

    private final byte[] bytes;
    private final int from;
    private int pos;
    private final int limit;
    /** The last length-delimited field read: its bytes. */
    private int start;
    private int end;

    public WireReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.pos = from;
        this.limit = to;
    }

    /** A reader of the same message from its first field on. */
    public WireReader again() {
        return new WireReader(bytes, from, limit);
    }

    /** The field of a length-delimited value the reader stands on, read as a message of its own. */
    public WireReader nested() {
        return new WireReader(bytes, start, end);
    }

    public boolean hasMore() {
        return pos < limit;
    }

    /** The next field's tag: its number shifted left by three, or-ed with its wire type. */
    public int tag() throws InvalidProtocolBufferException {
        long tag = varint();
        if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
            throw new InvalidProtocolBufferException("Protocol message contained an invalid tag (" + tag + ").");
        }
        return (int) tag;
    }

    public static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    public long varint() throws InvalidProtocolBufferException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw truncated();
            }
            byte b = bytes[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new InvalidProtocolBufferException("CodedInputStream encountered a malformed varint.");
    }

    public long fixed64() throws InvalidProtocolBufferException {
        if (limit - pos < 8) {
            throw truncated();
        }
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (bytes[pos + i] & 0xFFL);
        }
        pos += 8;
        return value;
    }

    public int fixed32() throws InvalidProtocolBufferException {
        if (limit - pos < 4) {
            throw truncated();
        }
        int value = 0;
        for (int i = 3; i >= 0; i--) {
            value = value << 8 | (bytes[pos + i] & 0xFF);
        }
        pos += 4;
        return value;
    }

    /** Steps over a length-delimited value, which {@link #start()} and {@link #end()} then bound. */
    public void lengthDelimited() throws InvalidProtocolBufferException {
        long length = varint();
        if (length < 0 || length > limit - pos) {
            throw length < 0 ? new InvalidProtocolBufferException("CodedInputStream encountered an embedded string or"
                    + " message which claimed to have negative size.") : truncated();
        }
        start = pos;
        pos += (int) length;
        end = pos;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** Steps over the value of a field this reader has no use for, as a parser skips an unknown field. */
    public void skip(int tag) throws InvalidProtocolBufferException {
        switch (tag & 7) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> lengthDelimited();
            case START_GROUP -> {
                int endTag = (tag & ~7) | END_GROUP;
                while (true) {
                    if (!hasMore()) {
                        throw truncated();
                    }
                    int inner = tag();
                    if (inner == endTag) {
                        break;
                    }
                    skip(inner);
                }
            }
            case FIXED32 -> advance(4);
            default -> throw new InvalidProtocolBufferException("Protocol message tag had invalid wire type.");
        }
    }

    private void advance(int count) throws InvalidProtocolBufferException {
        if (limit - pos < count) {
            throw truncated();
        }
        pos += count;
    }

    /**
     * Steps over a string field's value and fails as protobuf's parser does when it is not well-formed UTF-8, which
     * proto3 requires of a string.
     */
    public void string() throws InvalidProtocolBufferException {
        lengthDelimited();
        int i = start;
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        // Past the ASCII prefix, protobuf's own check (Utf8.isValidUtf8), reached through a view without a copy.
        if (i < end && !UnsafeByteOperations.unsafeWrap(bytes, i, end - i).isValidUtf8()) {
            throw new InvalidProtocolBufferException("Protocol message had invalid UTF-8.");
        }
    }

    /**
     * Reads the rest of the message; {@link #start()} and {@link #end()} then bound the last value of the
     * length-delimited field {@code fieldTag}, the one protobuf keeps of a field that occurs twice, and are both 0
     * without one. A string field is checked as {@link #string()} checks it.
     */
    public void last(int fieldTag, boolean isString) throws InvalidProtocolBufferException {
        int lastStart = 0;
        int lastEnd = 0;
        while (hasMore()) {
            int tag = tag();
            if (tag != fieldTag) {
                skip(tag);
                continue;
            }
            if (isString) {
                string();
            } else {
                lengthDelimited();
            }
            lastStart = start;
            lastEnd = end;
        }
        start = lastStart;
        end = lastEnd;
    }

    private static InvalidProtocolBufferException truncated() {
        return new InvalidProtocolBufferException("While parsing a protocol message, the input ended unexpectedly"
                + " in the middle of a field.");
    }
}
