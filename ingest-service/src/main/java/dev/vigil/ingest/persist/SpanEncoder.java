package dev.vigil.ingest.persist;

import static dev.vigil.ingest.wire.WireReader.FIXED64;
import static dev.vigil.ingest.wire.WireReader.LENGTH_DELIMITED;
import static dev.vigil.ingest.wire.WireReader.VARINT;
import static dev.vigil.ingest.wire.WireReader.tag;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.clickhouse.EncodedRows;
import dev.vigil.ingest.clickhouse.RowBinaryBuffer;
import dev.vigil.ingest.clickhouse.RowsEncoder;
import dev.vigil.ingest.wire.WireReader;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Turns an OTLP trace export, as the protobuf bytes of its Kafka record, into {@code otel_traces} rows, one per span,
 * in RowBinary and in the column order of {@code TraceTableWriter.COLUMNS}, with the values the Collector's exporter
 * writes: ids as lowercase hex (empty when absent or all zeros), kind and status as pdata names them
 * ({@code Server}, {@code Error} …), attribute values as {@link AttributeStrings} formats them, and a repeated
 * attribute key with its first value.
 *
 * <p>It reads the protobuf wire format in place rather than parsing the export into messages: a string's UTF-8
 * bytes go into the row as they are, and nothing is allocated per span or attribute. Decoding every export into
 * objects and encoding their strings again took about half of the persist stage's CPU time and most of what it
 * allocated (docs/performance.md, "Ingest"). The columns a resource and a scope share (service name, resource
 * attributes, scope name and version) are encoded once for all their spans. Strings are checked to be UTF-8, as
 * protobuf's parser checks them; only attribute values other than strings, numbers and booleans (bytes, arrays,
 * maps) are parsed into a message, to be formatted.
 *
 * <p>An export whose encoding repeats a singular message field (a second {@code status} of a span, which protobuf
 * merges into the first) is parsed and serialized again by protobuf, which writes each such field once, and then
 * read: no exporter writes that, and merging is protobuf's to get right.
 */
final class SpanEncoder {
    private static final int RESOURCE_SPANS = tag(1, LENGTH_DELIMITED);
    private static final int RESOURCE_ATTRIBUTE = tag(1, LENGTH_DELIMITED);

    private static final int SPAN_TRACE_ID = tag(1, LENGTH_DELIMITED);
    private static final int SPAN_SPAN_ID = tag(2, LENGTH_DELIMITED);
    private static final int SPAN_TRACE_STATE = tag(3, LENGTH_DELIMITED);
    private static final int SPAN_PARENT_SPAN_ID = tag(4, LENGTH_DELIMITED);
    private static final int SPAN_NAME = tag(5, LENGTH_DELIMITED);
    private static final int SPAN_KIND = tag(6, VARINT);
    private static final int SPAN_START = tag(7, FIXED64);
    private static final int SPAN_END = tag(8, FIXED64);
    private static final int SPAN_ATTRIBUTE = tag(9, LENGTH_DELIMITED);
    private static final int SPAN_EVENT = tag(11, LENGTH_DELIMITED);
    private static final int SPAN_LINK = tag(13, LENGTH_DELIMITED);
    private static final int SPAN_STATUS = tag(15, LENGTH_DELIMITED);
    private static final int STATUS_MESSAGE = tag(2, LENGTH_DELIMITED);
    private static final int STATUS_CODE = tag(3, VARINT);

    private static final int EVENT_TIME = tag(1, FIXED64);
    private static final int EVENT_NAME = tag(2, LENGTH_DELIMITED);
    private static final int EVENT_ATTRIBUTE = tag(3, LENGTH_DELIMITED);
    private static final int LINK_TRACE_ID = tag(1, LENGTH_DELIMITED);
    private static final int LINK_SPAN_ID = tag(2, LENGTH_DELIMITED);
    private static final int LINK_TRACE_STATE = tag(3, LENGTH_DELIMITED);
    private static final int LINK_ATTRIBUTE = tag(4, LENGTH_DELIMITED);

    /** pdata's {@code SpanKind.String()} and {@code StatusCode.String()} by number; an unknown number is "". */
    private static final String[] KINDS = {"Unspecified", "Internal", "Server", "Client", "Producer", "Consumer"};
    private static final String[] STATUS_CODES = {"Unset", "Ok", "Error"};
    private static final long MAX_INITIAL_BYTES = 64L << 20;

    private final byte[] export;
    private final RowsEncoder encoder;
    private final RowBinaryBuffer rows;
    /** The columns a resource and a scope share, encoded once for all their spans. */
    private final RowBinaryBuffer shared = new RowBinaryBuffer(1024);
    private final WireAttributes attributes;
    /** Where the repeated fields of the span, event or link being read are: they are written after it is read. */
    private final WireSlices resourceAttributes = new WireSlices();
    private final WireGroup resource = new WireGroup();
    private final WireGroup scope = new WireGroup();
    private final WireScope scopeFields = new WireScope();
    private final WireSlices spanAttributes = new WireSlices();
    private final WireSlices events = new WireSlices();
    private final WireSlices links = new WireSlices();
    private final WireSlices nestedAttributes = new WireSlices();

    private SpanEncoder(byte[] export) {
        this.export = export;
        // Hex ids and the names of kinds and statuses make a row somewhat longer than its span's protobuf.
        this.encoder = new RowsEncoder((int) Math.min(export.length * 3L / 2 + 1024, MAX_INITIAL_BYTES));
        this.rows = encoder.buffer();
        this.attributes = new WireAttributes(export);
    }

    /** The rows of the export's spans; none for an export without spans. */
    static EncodedRows encode(byte[] export) throws InvalidProtocolBufferException {
        return WireFields.encode(export, bytes -> new SpanEncoder(bytes).encode(),
                bytes -> ExportTraceServiceRequest.parseFrom(bytes).toByteArray());
    }

    private EncodedRows encode() throws InvalidProtocolBufferException {
        WireReader request = new WireReader(export, 0, export.length);
        WireFields.forEach(request, RESOURCE_SPANS, this::resourceSpans);
        return encoder.encoded();
    }

    /** Its resource first, wherever it is among the scopes: its columns go into each of their rows. */
    private void resourceSpans(WireReader resourceSpans) throws InvalidProtocolBufferException {
        resource.read(resourceSpans);
        WireFields.repeated(resource.head(), RESOURCE_ATTRIBUTE, resourceAttributes);
        shared.truncate(0);
        attributes.writeServiceName(shared, resourceAttributes);
        attributes.write(shared, resourceAttributes);
        int resourceEnd = shared.size();
        resource.forEachItem(scopeSpans -> {
            shared.truncate(resourceEnd);
            scopeSpans(scopeSpans);
        });
    }

    private void scopeSpans(WireReader scopeSpans) throws InvalidProtocolBufferException {
        scope.read(scopeSpans);
        scopeFields.read(scope.head());
        scopeFields.writeNameAndVersion(shared, export);
        scope.forEachItem(this::span);
    }

    /** One row, its columns in the order of {@code TraceTableWriter.COLUMNS}. */
    private void span(WireReader span) throws InvalidProtocolBufferException {
        long start = 0;
        long end = 0;
        int kind = 0;
        // Where each length-delimited field is: [start, end) of the export; 0, 0 when absent.
        int traceId = 0;
        int traceIdEnd = 0;
        int spanId = 0;
        int spanIdEnd = 0;
        int parent = 0;
        int parentEnd = 0;
        int traceState = 0;
        int traceStateEnd = 0;
        int name = 0;
        int nameEnd = 0;
        WireReader status = null;
        spanAttributes.clear();
        events.clear();
        links.clear();
        while (span.hasMore()) {
            int tag = span.tag();
            if (tag == SPAN_ATTRIBUTE) {
                span.lengthDelimited();
                spanAttributes.add(span.start(), span.end());
            } else if (tag == SPAN_TRACE_ID) {
                span.lengthDelimited();
                traceId = span.start();
                traceIdEnd = span.end();
            } else if (tag == SPAN_SPAN_ID) {
                span.lengthDelimited();
                spanId = span.start();
                spanIdEnd = span.end();
            } else if (tag == SPAN_PARENT_SPAN_ID) {
                span.lengthDelimited();
                parent = span.start();
                parentEnd = span.end();
            } else if (tag == SPAN_TRACE_STATE) {
                span.string();
                traceState = span.start();
                traceStateEnd = span.end();
            } else if (tag == SPAN_NAME) {
                span.string();
                name = span.start();
                nameEnd = span.end();
            } else if (tag == SPAN_KIND) {
                kind = (int) span.varint();
            } else if (tag == SPAN_START) {
                start = span.fixed64();
            } else if (tag == SPAN_END) {
                end = span.fixed64();
            } else if (tag == SPAN_STATUS) {
                span.lengthDelimited();
                status = WireFields.once(status, span.nested());
            } else if (tag == SPAN_EVENT) {
                span.lengthDelimited();
                events.add(span.start(), span.end());
            } else if (tag == SPAN_LINK) {
                span.lengthDelimited();
                links.add(span.start(), span.end());
            } else {
                span.skip(tag);
            }
        }
        int statusCode = 0;
        int message = 0;
        int messageEnd = 0;
        while (status != null && status.hasMore()) {
            int tag = status.tag();
            if (tag == STATUS_CODE) {
                statusCode = (int) status.varint();
            } else if (tag == STATUS_MESSAGE) {
                status.string();
                message = status.start();
                messageEnd = status.end();
            } else {
                status.skip(tag);
            }
        }

        rows.int64(start);
        OtlpIds.write(rows, export, traceId, traceIdEnd);
        OtlpIds.write(rows, export, spanId, spanIdEnd);
        OtlpIds.write(rows, export, parent, parentEnd);
        rows.utf8(export, traceState, traceStateEnd);
        rows.utf8(export, name, nameEnd);
        rows.string(nameOf(KINDS, kind));
        // ServiceName, ResourceAttributes, ScopeName, ScopeVersion.
        rows.append(shared);
        attributes.write(rows, spanAttributes);
        // An end before the start would wrap around as UInt64; store no duration rather than ~584 years. So does an
        // end past 2262 (beyond Int64 nanoseconds): start + duration must stay an Int64, as vigil_trace_summaries
        // computes each trace's end that way and a trace by id reads no span starting after it.
        rows.int64(end >= 0 && Long.compareUnsigned(end, start) >= 0 ? end - start : 0);
        rows.string(nameOf(STATUS_CODES, statusCode));
        rows.utf8(export, message, messageEnd);
        events();
        links();
        // Inserts are cut by the day a span starts on.
        encoder.endRow(start);
    }

    /** Nested {@code Events}: one array per field, each as long as the list. */
    private void events() throws InvalidProtocolBufferException {
        int count = events.size();
        rows.varUInt(count);
        for (int i = 0; i < count; i++) {
            long time = 0;
            WireReader event = events.reader(export, i);
            while (event.hasMore()) {
                int tag = event.tag();
                if (tag == EVENT_TIME) {
                    time = event.fixed64();
                } else {
                    event.skip(tag);
                }
            }
            rows.int64(time);
        }
        rows.varUInt(count);
        for (int i = 0; i < count; i++) {
            stringField(events.reader(export, i), EVENT_NAME);
        }
        rows.varUInt(count);
        for (int i = 0; i < count; i++) {
            nestedAttributes(events.reader(export, i), EVENT_ATTRIBUTE);
        }
    }

    /** Nested {@code Links}, as the events. */
    private void links() throws InvalidProtocolBufferException {
        int count = links.size();
        rows.varUInt(count);
        for (int i = 0; i < count; i++) {
            idField(links.reader(export, i), LINK_TRACE_ID);
        }
        rows.varUInt(count);
        for (int i = 0; i < count; i++) {
            idField(links.reader(export, i), LINK_SPAN_ID);
        }
        rows.varUInt(count);
        for (int i = 0; i < count; i++) {
            stringField(links.reader(export, i), LINK_TRACE_STATE);
        }
        rows.varUInt(count);
        for (int i = 0; i < count; i++) {
            nestedAttributes(links.reader(export, i), LINK_ATTRIBUTE);
        }
    }

    /** The last value of an id field of the message, as {@link OtlpIds#write} writes it. */
    private void idField(WireReader message, int fieldTag) throws InvalidProtocolBufferException {
        message.last(fieldTag, false);
        OtlpIds.write(rows, export, message.start(), message.end());
    }

    /** The last value of a string field of the message, "" without one. */
    private void stringField(WireReader message, int fieldTag) throws InvalidProtocolBufferException {
        message.last(fieldTag, true);
        rows.utf8(export, message.start(), message.end());
    }

    private void nestedAttributes(WireReader message, int fieldTag) throws InvalidProtocolBufferException {
        WireFields.repeated(message, fieldTag, nestedAttributes);
        attributes.write(rows, nestedAttributes);
    }


    private static String nameOf(String[] names, int number) {
        return number >= 0 && number < names.length ? names[number] : "";
    }
}
