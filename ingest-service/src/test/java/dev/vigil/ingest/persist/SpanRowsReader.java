package dev.vigil.ingest.persist;

import dev.vigil.ingest.clickhouse.EncodedRows;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads encoded {@code otel_traces} rows back the way ClickHouse reads RowBinary in the writer's column
 * order, so tests can compare what the encoder wrote field by field.
 */
final class SpanRowsReader {
    private final ByteBuffer in;

    private SpanRowsReader(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Exactly the rows the value says it holds, and nothing after them. */
    static List<Row> read(EncodedRows encoded) {
        SpanRowsReader reader = new SpanRowsReader(encoded.rowBinary());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < encoded.rows(); i++) {
            rows.add(reader.row());
        }
        if (reader.in.hasRemaining()) {
            throw new AssertionError(reader.in.remaining() + " bytes after the last of " + encoded.rows() + " rows");
        }
        return rows;
    }

    private Row row() {
        long timestamp = in.getLong();
        String traceId = string();
        String spanId = string();
        String parentSpanId = string();
        String traceState = string();
        String spanName = string();
        String spanKind = string();
        String serviceName = string();
        Map<String, String> resourceAttributes = map();
        String scopeName = string();
        String scopeVersion = string();
        Map<String, String> spanAttributes = map();
        long duration = in.getLong();
        String statusCode = string();
        String statusMessage = string();

        int eventCount = length();
        List<Long> eventTimes = new ArrayList<>();
        for (int i = 0; i < eventCount; i++) {
            eventTimes.add(in.getLong());
        }
        List<String> eventNames = strings(eventCount);
        List<Map<String, String>> eventAttributes = maps(eventCount);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < eventCount; i++) {
            events.add(new Event(eventTimes.get(i), eventNames.get(i), eventAttributes.get(i)));
        }

        int linkCount = length();
        List<String> linkTraces = new ArrayList<>();
        for (int i = 0; i < linkCount; i++) {
            linkTraces.add(string());
        }
        List<String> linkSpans = strings(linkCount);
        List<String> linkStates = strings(linkCount);
        List<Map<String, String>> linkAttributes = maps(linkCount);
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < linkCount; i++) {
            links.add(new Link(linkTraces.get(i), linkSpans.get(i), linkStates.get(i), linkAttributes.get(i)));
        }
        return new Row(timestamp, traceId, spanId, parentSpanId, traceState, spanName, spanKind, serviceName,
                resourceAttributes, scopeName, scopeVersion, spanAttributes, duration, statusCode, statusMessage,
                events, links);
    }

    /** The next array of a Nested column, which must be as long as the first of its columns. */
    private List<String> strings(int expected) {
        int count = length();
        if (count != expected) {
            throw new AssertionError("a Nested array of " + count + " where its first array has " + expected);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(string());
        }
        return out;
    }

    private List<Map<String, String>> maps(int expected) {
        int count = length();
        if (count != expected) {
            throw new AssertionError("a Nested array of " + count + " where its first array has " + expected);
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(map());
        }
        return out;
    }

    /** A map in its order; a key written twice fails, as the encoder must write each key once. */
    private Map<String, String> map() {
        int count = length();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = string();
            if (map.put(key, string()) != null) {
                throw new AssertionError("key " + key + " written twice");
            }
        }
        return map;
    }

    private String string() {
        byte[] bytes = new byte[length()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int length() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return Math.toIntExact(value);
            }
        }
    }

    record Row(long timestampNanos, String traceId, String spanId, String parentSpanId, String traceState,
            String spanName, String spanKind, String serviceName, Map<String, String> resourceAttributes,
            String scopeName, String scopeVersion, Map<String, String> spanAttributes, long durationNanos,
            String statusCode, String statusMessage, List<Event> events, List<Link> links) {
    }

    record Event(long timestampNanos, String name, Map<String, String> attributes) {
    }

    record Link(String traceId, String spanId, String traceState, Map<String, String> attributes) {
    }
}
