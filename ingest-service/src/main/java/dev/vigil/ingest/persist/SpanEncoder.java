package dev.vigil.ingest.persist;

import com.google.protobuf.ByteString;
import dev.vigil.ingest.clickhouse.EncodedRows;
import dev.vigil.ingest.clickhouse.RowBinaryBuffer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an OTLP trace export into {@code otel_traces} rows, one per span, in RowBinary and in the
 * column order of {@code TraceTableWriter.COLUMNS}, with the values the Collector's exporter writes:
 * ids as lowercase hex (empty when absent or all zeros), kind and status as pdata names them
 * ({@code Server}, {@code Error} …), attribute values as {@link AttributeStrings} formats them, and a
 * repeated attribute key with its first value.
 *
 * <p>Strings go from the request into the rows without another copy of their own, and the columns a
 * resource and a scope share (service name, resource attributes, scope name and version) are encoded
 * once for all their spans.
 */
final class SpanEncoder {
    private static final String SERVICE_NAME = "service.name";
    /** Room for a typical span's row; the buffer grows past it when a request needs more. */
    private static final int BYTES_PER_SPAN = 1024;
    private static final long MAX_INITIAL_BYTES = 64L << 20;

    /** The encoding of one request: reused for its resources, scopes and attribute lists. */
    private final RowBinaryBuffer rows;
    private final RowBinaryBuffer shared = new RowBinaryBuffer(1024);
    private final KeyPositions keys = new KeyPositions();
    /** Each row's start time and end in {@link #rows}: inserts are cut by the day a row falls on. */
    private final long[] timestamps;
    private final int[] rowEnds;
    private int row;

    private SpanEncoder(int spans) {
        this.rows = new RowBinaryBuffer((int) Math.min((long) spans * BYTES_PER_SPAN, MAX_INITIAL_BYTES));
        this.timestamps = new long[spans];
        this.rowEnds = new int[spans];
    }

    static EncodedRows encode(ExportTraceServiceRequest request) {
        int spans = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                spans += scopeSpans.getSpansCount();
            }
        }
        if (spans == 0) {
            return EncodedRows.EMPTY;
        }
        SpanEncoder encoder = new SpanEncoder(spans);
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            encoder.resourceSpans(resourceSpans);
        }
        return new EncodedRows(encoder.rows.toByteArray(), spans, encoder.timestamps, encoder.rowEnds);
    }

    private void resourceSpans(ResourceSpans resourceSpans) {
        List<KeyValue> resource = resourceSpans.getResource().getAttributesList();
        shared.truncate(0);
        shared.string(serviceName(resource));
        attributes(shared, resource);
        int resourceEnd = shared.size();
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
            InstrumentationScope scope = scopeSpans.getScope();
            shared.truncate(resourceEnd);
            shared.string(scope.getName());
            shared.string(scope.getVersion());
            for (Span span : scopeSpans.getSpansList()) {
                span(span);
            }
        }
    }

    /** One row, its columns in the order of {@code TraceTableWriter.COLUMNS}. */
    private void span(Span span) {
        long start = span.getStartTimeUnixNano();
        long end = span.getEndTimeUnixNano();
        rows.int64(start);
        id(span.getTraceId());
        id(span.getSpanId());
        id(span.getParentSpanId());
        rows.string(span.getTraceState());
        rows.string(span.getName());
        rows.string(kind(span.getKind()));
        // ServiceName, ResourceAttributes, ScopeName, ScopeVersion.
        rows.append(shared);
        attributes(rows, span.getAttributesList());
        // An end before the start would wrap around as UInt64; store no duration rather than ~584 years. So does an
        // end past 2262 (beyond Int64 nanoseconds): start + duration must stay an Int64, as vigil_trace_summaries
        // computes each trace's end that way and a trace by id reads no span starting after it.
        rows.int64(end >= 0 && Long.compareUnsigned(end, start) >= 0 ? end - start : 0);
        Status status = span.getStatus();
        rows.string(statusCode(status.getCode()));
        rows.string(status.getMessage());
        events(span.getEventsList());
        links(span.getLinksList());
        timestamps[row] = start;
        rowEnds[row] = rows.size();
        row++;
    }

    /** Nested {@code Events}: one array per field, each as long as the list. */
    private void events(List<Span.Event> events) {
        int count = events.size();
        rows.varUInt(count);
        for (Span.Event event : events) {
            rows.int64(event.getTimeUnixNano());
        }
        rows.varUInt(count);
        for (Span.Event event : events) {
            rows.string(event.getName());
        }
        rows.varUInt(count);
        for (Span.Event event : events) {
            attributes(rows, event.getAttributesList());
        }
    }

    /** Nested {@code Links}, as the events. */
    private void links(List<Span.Link> links) {
        int count = links.size();
        rows.varUInt(count);
        for (Span.Link link : links) {
            id(link.getTraceId());
        }
        rows.varUInt(count);
        for (Span.Link link : links) {
            id(link.getSpanId());
        }
        rows.varUInt(count);
        for (Span.Link link : links) {
            rows.string(link.getTraceState());
        }
        rows.varUInt(count);
        for (Span.Link link : links) {
            attributes(rows, link.getAttributesList());
        }
    }

    /** Lowercase hex; an id that is absent or all zeros is the empty string, as the exporter writes it. */
    private void id(ByteString id) {
        if (OtlpIds.isAbsent(id)) {
            rows.string("");
        } else {
            rows.hexString(id);
        }
    }

    /** A Map(String, String) of the attributes in their order; a repeated key keeps its first value. */
    private void attributes(RowBinaryBuffer out, List<KeyValue> attributes) {
        int start = out.size();
        int count = attributes.size();
        out.varUInt(count);
        keys.clear(count);
        for (int i = 0; i < count; i++) {
            KeyValue kv = attributes.get(i);
            if (!keys.add(attributes, i)) {
                // Few lists repeat a key: only those are written a second time, without the repeats.
                out.truncate(start);
                List<KeyValue> firsts = firstOfEachKey(attributes);
                out.varUInt(firsts.size());
                for (KeyValue first : firsts) {
                    out.string(first.getKey());
                    value(out, first.getValue());
                }
                return;
            }
            out.string(kv.getKey());
            value(out, kv.getValue());
        }
    }

    /** The value pdata's {@code Map.Get} returns for a repeated key is its first. */
    private static List<KeyValue> firstOfEachKey(List<KeyValue> attributes) {
        Set<String> seen = new HashSet<>();
        List<KeyValue> firsts = new ArrayList<>(attributes.size());
        for (KeyValue kv : attributes) {
            if (seen.add(kv.getKey())) {
                firsts.add(kv);
            }
        }
        return firsts;
    }

    private static void value(RowBinaryBuffer out, AnyValue value) {
        if (value.hasStringValue()) {
            out.string(value.getStringValue());
        } else {
            out.string(AttributeStrings.of(value));
        }
    }

    private static String serviceName(List<KeyValue> resource) {
        for (KeyValue kv : resource) {
            if (kv.getKey().equals(SERVICE_NAME)) {
                return AttributeStrings.of(kv.getValue());
            }
        }
        return "";
    }

    /** pdata's {@code SpanKind.String()}. */
    private static String kind(Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_UNSPECIFIED -> "Unspecified";
            case SPAN_KIND_INTERNAL -> "Internal";
            case SPAN_KIND_SERVER -> "Server";
            case SPAN_KIND_CLIENT -> "Client";
            case SPAN_KIND_PRODUCER -> "Producer";
            case SPAN_KIND_CONSUMER -> "Consumer";
            case UNRECOGNIZED -> "";
        };
    }

    /** pdata's {@code StatusCode.String()}. */
    private static String statusCode(Status.StatusCode code) {
        return switch (code) {
            case STATUS_CODE_UNSET -> "Unset";
            case STATUS_CODE_OK -> "Ok";
            case STATUS_CODE_ERROR -> "Error";
            case UNRECOGNIZED -> "";
        };
    }

    /**
     * The keys of one attribute list seen so far, in an open-addressing table of their positions, so
     * that a repeated key is noticed as the list is written, in the same pass.
     */
    private static final class KeyPositions {
        private int[] slots = new int[64];
        private int mask;

        void clear(int count) {
            int capacity = Integer.highestOneBit(Math.max(count, 1)) << 2;
            if (slots.length < capacity) {
                slots = new int[capacity];
            }
            Arrays.fill(slots, 0, capacity, 0);
            mask = capacity - 1;
        }

        /** False when an earlier attribute of the list has the key of the one at {@code index}. */
        boolean add(List<KeyValue> attributes, int index) {
            String key = attributes.get(index).getKey();
            int slot = fingerprint(key) & mask;
            // A slot holds a position plus one; zero is free.
            while (slots[slot] != 0) {
                if (attributes.get(slots[slot] - 1).getKey().equals(key)) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = index + 1;
            return true;
        }

        /**
         * Length and two chars: keys are read once, so {@link String#hashCode}, which reads every char,
         * would cost more than the rare keys that share a fingerprint and are compared whole.
         */
        private static int fingerprint(String key) {
            int length = key.length();
            if (length == 0) {
                return 0;
            }
            int h = length * 0x9E3779B9 + key.charAt(length - 1) * 0x85EBCA6B + key.charAt(length >> 1);
            return h ^ (h >>> 15);
        }
    }
}
