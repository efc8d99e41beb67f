package dev.vigil.ingest.persist;

import static dev.vigil.ingest.wire.WireReader.FIXED32;
import static dev.vigil.ingest.wire.WireReader.FIXED64;
import static dev.vigil.ingest.wire.WireReader.LENGTH_DELIMITED;
import static dev.vigil.ingest.wire.WireReader.VARINT;
import static dev.vigil.ingest.wire.WireReader.tag;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.clickhouse.EncodedRows;
import dev.vigil.ingest.clickhouse.RowBinaryBuffer;
import dev.vigil.ingest.clickhouse.RowsEncoder;
import dev.vigil.ingest.wire.WireReader;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

/**
 * Turns an OTLP logs export, as the protobuf bytes of its Kafka record, into {@code otel_logs} rows, one per log
 * record, in RowBinary and in the column order of {@code LogTableWriter.COLUMNS}, with the values the Collector's
 * exporter writes: the record's time, or the time it was observed when it has none; ids as lowercase hex (empty when
 * absent or all zeros); the low 8 bits of the flags (the W3C trace flags); the body and attribute values as
 * {@link AttributeStrings} formats them.
 *
 * <p>It reads the wire format in place, as {@link SpanEncoder} does and for the same reason: parsing each export
 * into messages, mapping them to row objects and encoding those took most of the persist stage's CPU for log records
 * (docs/performance.md, "Ingest"). The columns a resource and a scope share are encoded once for all their records.
 * An export that repeats a singular message field is parsed and serialized again by protobuf first.
 */
final class LogEncoder {
    private static final int RESOURCE_LOGS = tag(1, LENGTH_DELIMITED);
    private static final int RESOURCE_ATTRIBUTE = tag(1, LENGTH_DELIMITED);

    private static final int TIME = tag(1, FIXED64);
    private static final int SEVERITY_NUMBER = tag(2, VARINT);
    private static final int SEVERITY_TEXT = tag(3, LENGTH_DELIMITED);
    private static final int BODY = tag(5, LENGTH_DELIMITED);
    private static final int ATTRIBUTE = tag(6, LENGTH_DELIMITED);
    private static final int FLAGS = tag(8, FIXED32);
    private static final int TRACE_ID = tag(9, LENGTH_DELIMITED);
    private static final int SPAN_ID = tag(10, LENGTH_DELIMITED);
    private static final int OBSERVED_TIME = tag(11, FIXED64);
    private static final int EVENT_NAME = tag(12, LENGTH_DELIMITED);

    private static final long MAX_INITIAL_BYTES = 64L << 20;

    private final byte[] export;
    private final RowsEncoder encoder;
    private final RowBinaryBuffer rows;
    /** The service name, then the resource's columns, then the scope's: encoded once for all their records. */
    private final RowBinaryBuffer shared = new RowBinaryBuffer(1024);
    /** Where the service name ends in {@link #shared}. */
    private int serviceEnd;
    private final WireAttributes attributes;
    private final WireSlices list = new WireSlices();
    private final WireGroup resource = new WireGroup();
    private final WireGroup scope = new WireGroup();
    private final WireScope scopeFields = new WireScope();

    private LogEncoder(byte[] export) {
        this.export = export;
        // Hex ids and the columns a resource and scope share make a row longer than its record's protobuf.
        this.encoder = new RowsEncoder((int) Math.min(export.length * 2L + 1024, MAX_INITIAL_BYTES));
        this.rows = encoder.buffer();
        this.attributes = new WireAttributes(export);
    }

    /** The rows of the export's log records; none for an export without records. */
    static EncodedRows encode(byte[] export) throws InvalidProtocolBufferException {
        return WireFields.encode(export, bytes -> new LogEncoder(bytes).encode(),
                bytes -> ExportLogsServiceRequest.parseFrom(bytes).toByteArray());
    }

    private EncodedRows encode() throws InvalidProtocolBufferException {
        WireReader request = new WireReader(export, 0, export.length);
        WireFields.forEach(request, RESOURCE_LOGS, this::resourceLogs);
        return encoder.encoded();
    }

    /** Its resource and schema URL first, wherever they are among the scopes. */
    private void resourceLogs(WireReader resourceLogs) throws InvalidProtocolBufferException {
        resource.read(resourceLogs);
        WireFields.repeated(resource.head(), RESOURCE_ATTRIBUTE, list);
        shared.truncate(0);
        attributes.writeServiceName(shared, list);
        serviceEnd = shared.size();
        // ResourceSchemaUrl, ResourceAttributes.
        resource.writeSchemaUrl(shared, export);
        attributes.write(shared, list);
        int resourceEnd = shared.size();
        resource.forEachItem(scopeLogs -> {
            shared.truncate(resourceEnd);
            scopeLogs(scopeLogs);
        });
    }

    private void scopeLogs(WireReader scopeLogs) throws InvalidProtocolBufferException {
        scope.read(scopeLogs);
        scopeFields.read(scope.head());
        // ScopeSchemaUrl, ScopeName, ScopeVersion, ScopeAttributes.
        scope.writeSchemaUrl(shared, export);
        scopeFields.writeNameAndVersion(shared, export);
        attributes.write(shared, scopeFields.attributes());
        scope.forEachItem(this::logRecord);
    }

    /** One row, its columns in the order of {@code LogTableWriter.COLUMNS}. */
    private void logRecord(WireReader record) throws InvalidProtocolBufferException {
        long time = 0;
        long observed = 0;
        int severityNumber = 0;
        int flags = 0;
        // Where each length-delimited field is: [start, end) of the export; 0, 0 when absent.
        int severityText = 0;
        int severityTextEnd = 0;
        int traceId = 0;
        int traceIdEnd = 0;
        int spanId = 0;
        int spanIdEnd = 0;
        int eventName = 0;
        int eventNameEnd = 0;
        int body = -1;
        int bodyEnd = 0;
        list.clear();
        while (record.hasMore()) {
            int tag = record.tag();
            if (tag == ATTRIBUTE) {
                record.lengthDelimited();
                list.add(record.start(), record.end());
            } else if (tag == TIME) {
                time = record.fixed64();
            } else if (tag == OBSERVED_TIME) {
                observed = record.fixed64();
            } else if (tag == SEVERITY_NUMBER) {
                severityNumber = (int) record.varint();
            } else if (tag == SEVERITY_TEXT) {
                record.string();
                severityText = record.start();
                severityTextEnd = record.end();
            } else if (tag == BODY) {
                if (body >= 0) {
                    throw WireFields.RepeatedMessageField.INSTANCE;
                }
                record.lengthDelimited();
                body = record.start();
                bodyEnd = record.end();
            } else if (tag == FLAGS) {
                flags = record.fixed32();
            } else if (tag == TRACE_ID) {
                record.lengthDelimited();
                traceId = record.start();
                traceIdEnd = record.end();
            } else if (tag == SPAN_ID) {
                record.lengthDelimited();
                spanId = record.start();
                spanIdEnd = record.end();
            } else if (tag == EVENT_NAME) {
                record.string();
                eventName = record.start();
                eventNameEnd = record.end();
            } else {
                record.skip(tag);
            }
        }
        // When the event happened, or when it was observed if the source did not say.
        long timestamp = time != 0 ? time : observed;
        rows.int64(timestamp);
        OtlpIds.write(rows, export, traceId, traceIdEnd);
        OtlpIds.write(rows, export, spanId, spanIdEnd);
        // The low 8 bits of the flags are the W3C trace flags; the column is UInt8.
        rows.uint8(flags & 0xFF);
        rows.utf8(export, severityText, severityTextEnd);
        rows.uint8(severityNumber & 0xFF);
        rows.appendRange(shared, 0, serviceEnd);
        // No body is an empty AnyValue, which the exporter stores as "".
        attributes.value(rows, Math.max(body, 0), bodyEnd);
        // ResourceSchemaUrl, ResourceAttributes, ScopeSchemaUrl, ScopeName, ScopeVersion, ScopeAttributes.
        rows.appendRange(shared, serviceEnd, shared.size());
        attributes.write(rows, list);
        rows.utf8(export, eventName, eventNameEnd);
        encoder.endRow(timestamp);
    }
}
