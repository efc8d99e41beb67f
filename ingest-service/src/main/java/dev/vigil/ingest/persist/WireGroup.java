package dev.vigil.ingest.persist;

import static dev.vigil.ingest.wire.WireReader.LENGTH_DELIMITED;
import static dev.vigil.ingest.wire.WireReader.tag;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.clickhouse.RowBinaryBuffer;
import dev.vigil.ingest.wire.WireReader;

/**
 * One of OTLP's groups of items, read in place: a {@code ResourceSpans}, {@code ResourceLogs} or
 * {@code ResourceMetrics} (a resource and its scopes), or a {@code ScopeSpans}, {@code ScopeLogs} or
 * {@code ScopeMetrics} (a scope and its items). Every one of them has its resource or scope in field 1, its items in
 * field 2 and its schema URL in field 3, so the encoders of rows read them all alike. An encoder keeps one instance
 * per level and reads each group into it, as a group's items are read after its head, wherever that is among them.
 */
final class WireGroup {
    private static final int HEAD = tag(1, LENGTH_DELIMITED);
    private static final int ITEM = tag(2, LENGTH_DELIMITED);
    private static final int SCHEMA_URL = tag(3, LENGTH_DELIMITED);

    private WireReader group;
    private WireReader head;
    private int schemaUrlStart;
    private int schemaUrlEnd;

    /** Reads the group's resource or scope and schema URL; {@link #forEachItem} reads its items afterwards. */
    void read(WireReader group) throws InvalidProtocolBufferException {
        this.group = group;
        head = null;
        schemaUrlStart = 0;
        schemaUrlEnd = 0;
        while (group.hasMore()) {
            int tag = group.tag();
            if (tag == HEAD) {
                group.lengthDelimited();
                head = WireFields.once(head, group.nested());
            } else if (tag == SCHEMA_URL) {
                group.string();
                schemaUrlStart = group.start();
                schemaUrlEnd = group.end();
            } else {
                group.skip(tag);
            }
        }
    }

    /** The resource or scope; null when the group has none, which reads as an empty one. */
    WireReader head() {
        return head;
    }

    /** The schema URL as a String column ("" when absent). */
    void writeSchemaUrl(RowBinaryBuffer out, byte[] export) {
        out.utf8(export, schemaUrlStart, schemaUrlEnd);
    }

    /** Each item of the group (a scope's group, a span, a log record, a metric), in order. */
    void forEachItem(WireFields.Occurrence item) throws InvalidProtocolBufferException {
        WireFields.forEach(group.again(), ITEM, item);
    }
}
