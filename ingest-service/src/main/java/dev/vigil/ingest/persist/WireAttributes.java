package dev.vigil.ingest.persist;

import static dev.vigil.ingest.wire.WireReader.FIXED64;
import static dev.vigil.ingest.wire.WireReader.LENGTH_DELIMITED;
import static dev.vigil.ingest.wire.WireReader.VARINT;
import static dev.vigil.ingest.wire.WireReader.tag;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.clickhouse.RowBinaryBuffer;
import dev.vigil.ingest.wire.WireReader;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes lists of {@code KeyValue}s as Map(String, String): keys and string values as their bytes, other values
 * as {@link AttributeStrings} formats them, a repeated key with its first value only.
 */
final class WireAttributes {
    private static final int KEY = tag(1, LENGTH_DELIMITED);
    private static final int VALUE = tag(2, LENGTH_DELIMITED);
    private static final int STRING_VALUE = tag(1, LENGTH_DELIMITED);
    private static final int BOOL_VALUE = tag(2, VARINT);
    private static final int INT_VALUE = tag(3, VARINT);
    private static final int DOUBLE_VALUE = tag(4, FIXED64);
    private static final int ARRAY_VALUE = tag(5, LENGTH_DELIMITED);
    private static final int KVLIST_VALUE = tag(6, LENGTH_DELIMITED);
    private static final int BYTES_VALUE = tag(7, LENGTH_DELIMITED);
    private static final byte[] SERVICE_NAME = "service.name".getBytes(StandardCharsets.US_ASCII);

    private final byte[] export;
    private int[] keyStarts = new int[32];
    private int[] keyEnds = new int[32];
    private int[] valueStarts = new int[32];
    private int[] valueEnds = new int[32];
    /** Open addressing over the keys of the list being written: a slot holds a position plus one, 0 is free. */
    private int[] slots = new int[128];

    WireAttributes(byte[] export) {
        this.export = export;
    }

    /** A resource's service name: the value of its first {@code service.name} attribute, "" without one. */
    void writeServiceName(RowBinaryBuffer out, WireSlices list) throws InvalidProtocolBufferException {
        int count = read(list);
        for (int i = 0; i < count; i++) {
            if (Arrays.equals(export, keyStarts[i], keyEnds[i], SERVICE_NAME, 0, SERVICE_NAME.length)) {
                value(out, valueStarts[i], valueEnds[i]);
                return;
            }
        }
        out.varUInt(0);
    }

    void write(RowBinaryBuffer out, WireSlices list) throws InvalidProtocolBufferException {
        write(out, read(list));
    }

    /** The map of the {@code count} key-value pairs {@link #read} found. */
    private void write(RowBinaryBuffer out, int count) throws InvalidProtocolBufferException {
        int capacity = Integer.highestOneBit(Math.max(count, 1)) << 2;
        if (slots.length < capacity) {
            slots = new int[capacity];
        }
        Arrays.fill(slots, 0, capacity, 0);
        int mask = capacity - 1;
        int kept = count;
        for (int i = 0; i < count; i++) {
            int slot = fingerprint(keyStarts[i], keyEnds[i]) & mask;
            while (slots[slot] != 0) {
                int other = slots[slot] - 1;
                if (Arrays.equals(export, keyStarts[i], keyEnds[i], export, keyStarts[other], keyEnds[other])) {
                    // pdata's Map.Get returns a repeated key's first value: the later ones are not written.
                    keyStarts[i] = -1;
                    kept--;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (keyStarts[i] >= 0) {
                slots[slot] = i + 1;
            }
        }
        out.varUInt(kept);
        for (int i = 0; i < count; i++) {
            if (keyStarts[i] >= 0) {
                out.utf8(export, keyStarts[i], keyEnds[i]);
                value(out, valueStarts[i], valueEnds[i]);
            }
        }
    }

    /** Each KeyValue's key and value where they are; returns how many. */
    private int read(WireSlices list) throws InvalidProtocolBufferException {
        int count = list.size();
        if (keyStarts.length < count) {
            int capacity = Math.max(count, keyStarts.length * 2);
            keyStarts = new int[capacity];
            keyEnds = new int[capacity];
            valueStarts = new int[capacity];
            valueEnds = new int[capacity];
        }
        for (int i = 0; i < count; i++) {
            WireReader kv = list.reader(export, i);
            int keyStart = 0;
            int keyEnd = 0;
            int valueStart = -1;
            int valueEnd = 0;
            while (kv.hasMore()) {
                int tag = kv.tag();
                if (tag == KEY) {
                    kv.string();
                    keyStart = kv.start();
                    keyEnd = kv.end();
                } else if (tag == VALUE) {
                    if (valueStart >= 0) {
                        throw WireFields.RepeatedMessageField.INSTANCE;
                    }
                    kv.lengthDelimited();
                    valueStart = kv.start();
                    valueEnd = kv.end();
                } else {
                    kv.skip(tag);
                }
            }
            keyStarts[i] = keyStart;
            keyEnds[i] = keyEnd;
            // No value is an empty AnyValue: none of its kinds is set.
            valueStarts[i] = Math.max(valueStart, 0);
            valueEnds[i] = valueStart >= 0 ? valueEnd : 0;
        }
        return count;
    }

    /** An AnyValue: the last of its kinds on the wire is the one it holds, as protobuf's oneof has it. */
    void value(RowBinaryBuffer out, int from, int to) throws InvalidProtocolBufferException {
        WireReader value = new WireReader(export, from, to);
        int kind = 0;
        long scalar = 0;
        int stringStart = 0;
        int stringEnd = 0;
        while (value.hasMore()) {
            int tag = value.tag();
            if (tag == STRING_VALUE) {
                value.string();
                kind = STRING_VALUE;
                stringStart = value.start();
                stringEnd = value.end();
            } else if (tag == BOOL_VALUE || tag == INT_VALUE) {
                scalar = value.varint();
                kind = tag;
            } else if (tag == DOUBLE_VALUE) {
                scalar = value.fixed64();
                kind = tag;
            } else if (tag == ARRAY_VALUE || tag == KVLIST_VALUE || tag == BYTES_VALUE) {
                value.lengthDelimited();
                kind = ARRAY_VALUE;
            } else {
                value.skip(tag);
            }
        }
        if (kind == STRING_VALUE) {
            out.utf8(export, stringStart, stringEnd);
        } else if (kind == BOOL_VALUE) {
            out.string(scalar != 0 ? "true" : "false");
        } else if (kind == INT_VALUE) {
            out.string(Long.toString(scalar));
        } else if (kind == DOUBLE_VALUE) {
            out.string(AttributeStrings.doubleValue(Double.longBitsToDouble(scalar)));
        } else if (kind == ARRAY_VALUE) {
            out.string(AttributeStrings.of(AnyValue.parser().parseFrom(export, from, to - from)));
        } else {
            out.varUInt(0);
        }
    }

    /**
     * Length and two bytes: keys are read once, so a hash of every byte would cost more than the rare keys that
     * share a fingerprint and are compared whole.
     */
    private int fingerprint(int from, int to) {
        int length = to - from;
        if (length == 0) {
            return 0;
        }
        int h = length * 0x9E3779B9 + export[to - 1] * 0x85EBCA6B + export[from + (length >> 1)];
        return h ^ (h >>> 15);
    }
}
