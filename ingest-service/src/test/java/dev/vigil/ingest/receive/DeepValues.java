package dev.vigil.ingest.receive;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Log export requests whose record body nests {@code AnyValue} arrays to a given depth, written
 * without recursion so that even a hostile depth costs the test no stack.
 */
final class DeepValues {
    private DeepValues() {
    }

    /** ExportLogsServiceRequest{resource_logs{scope_logs{log_records{body: [[[…"x"…]]]}}}} as protobuf. */
    static byte[] protobufLogs(int depth) {
        // An AnyValue of depth d is array_value (5) holding an ArrayValue whose values (1) hold one AnyValue of depth d-1.
        long[] anyValue = new long[depth + 1];
        long[] arrayValue = new long[depth + 1];
        anyValue[1] = 1 + 1 + 1; // string_value (1) "x"
        for (int d = 2; d <= depth; d++) {
            arrayValue[d] = 1 + varint(anyValue[d - 1]) + anyValue[d - 1];
            anyValue[d] = 1 + varint(arrayValue[d]) + arrayValue[d];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            long body = anyValue[depth];
            long logRecord = 1 + varint(body) + body;           // LogRecord.body = 5
            long scopeLogs = 1 + varint(logRecord) + logRecord; // ScopeLogs.log_records = 2
            long resourceLogs = 1 + varint(scopeLogs) + scopeLogs; // ResourceLogs.scope_logs = 2
            out.writeTag(1, 2);
            out.writeUInt32NoTag((int) resourceLogs);
            out.writeTag(2, 2);
            out.writeUInt32NoTag((int) scopeLogs);
            out.writeTag(2, 2);
            out.writeUInt32NoTag((int) logRecord);
            out.writeTag(5, 2);
            out.writeUInt32NoTag((int) body);
            for (int d = depth; d >= 2; d--) {
                out.writeTag(5, 2);
                out.writeUInt32NoTag((int) arrayValue[d]);
                out.writeTag(1, 2);
                out.writeUInt32NoTag((int) anyValue[d - 1]);
            }
            out.writeString(1, "x");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The same request in OTLP/JSON. */
    static String jsonLogs(int depth) {
        StringBuilder json = new StringBuilder("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":");
        json.append("{\"arrayValue\":{\"values\":[".repeat(depth - 1));
        json.append("{\"stringValue\":\"x\"}");
        json.append("]}}".repeat(depth - 1));
        return json.append("}]}]}]}").toString();
    }

    private static int varint(long value) {
        return CodedOutputStream.computeUInt64SizeNoTag(value);
    }
}
