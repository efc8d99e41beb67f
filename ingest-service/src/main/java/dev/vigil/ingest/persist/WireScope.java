package dev.vigil.ingest.persist;

import static dev.vigil.ingest.wire.WireReader.LENGTH_DELIMITED;
import static dev.vigil.ingest.wire.WireReader.VARINT;
import static dev.vigil.ingest.wire.WireReader.tag;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.clickhouse.RowBinaryBuffer;
import dev.vigil.ingest.wire.WireReader;

/**
 * An OTLP {@code InstrumentationScope} read in place: where its name and version are, its attributes and how many of
 * them were dropped.
 */
final class WireScope {
    private static final int NAME = tag(1, LENGTH_DELIMITED);
    private static final int VERSION = tag(2, LENGTH_DELIMITED);
    private static final int ATTRIBUTE = tag(3, LENGTH_DELIMITED);
    private static final int DROPPED_ATTRIBUTES_COUNT = tag(4, VARINT);

    private int nameStart;
    private int nameEnd;
    private int versionStart;
    private int versionEnd;
    private int droppedAttributesCount;
    private final WireSlices attributes = new WireSlices();

    /** Reads a scope; no scope (null) reads as one without name, version or attributes. */
    void read(WireReader scope) throws InvalidProtocolBufferException {
        nameStart = 0;
        nameEnd = 0;
        versionStart = 0;
        versionEnd = 0;
        droppedAttributesCount = 0;
        attributes.clear();
        while (scope != null && scope.hasMore()) {
            int tag = scope.tag();
            if (tag == NAME) {
                scope.string();
                nameStart = scope.start();
                nameEnd = scope.end();
            } else if (tag == VERSION) {
                scope.string();
                versionStart = scope.start();
                versionEnd = scope.end();
            } else if (tag == ATTRIBUTE) {
                scope.lengthDelimited();
                attributes.add(scope.start(), scope.end());
            } else if (tag == DROPPED_ATTRIBUTES_COUNT) {
                droppedAttributesCount = (int) scope.varint();
            } else {
                scope.skip(tag);
            }
        }
    }

    /** ScopeName, ScopeVersion: two String columns. */
    void writeNameAndVersion(RowBinaryBuffer out, byte[] export) {
        out.utf8(export, nameStart, nameEnd);
        out.utf8(export, versionStart, versionEnd);
    }

    /** A uint32, as its bit pattern. */
    int droppedAttributesCount() {
        return droppedAttributesCount;
    }

    /** Where the scope's attributes ({@code KeyValue} messages) are. */
    WireSlices attributes() {
        return attributes;
    }
}
