package dev.vigil.system;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * An OTLP trace export just under the receiver's request limit, in protobuf or OTLP/JSON, written once
 * with the positions of its ids remembered, so that each request gets ids of its own by a copy and a
 * few stamps rather than by encoding megabytes again. A span id is {@code run (2 bytes) | request
 * (4 bytes) | span (2 bytes)}, so what ClickHouse holds can be counted per request from the ids alone.
 */
final class MaxSizeExport {
    static final int SPANS_PER_TRACE = 100;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] template;
    private final int[] traceIdAt;
    private final int[] spanIdAt;
    private final boolean json;
    private final int run;

    private MaxSizeExport(byte[] template, int[] traceIdAt, int[] spanIdAt, boolean json, int run) {
        this.template = template;
        this.traceIdAt = traceIdAt;
        this.spanIdAt = spanIdAt;
        this.json = json;
        this.run = run;
    }

    int spans() {
        return spanIdAt.length;
    }

    int size() {
        return template.length;
    }

    /** The export of request {@code request}: the template with that request's trace and span ids. */
    byte[] forRequest(int request) {
        byte[] body = template.clone();
        for (int s = 0; s < spanIdAt.length; s++) {
            byte[] spanId = spanId(run, request, s);
            byte[] traceId = traceId(run, request, s / SPANS_PER_TRACE);
            if (json) {
                write(body, spanIdAt[s], HEX.formatHex(spanId).getBytes(StandardCharsets.US_ASCII));
                write(body, traceIdAt[s], HEX.formatHex(traceId).getBytes(StandardCharsets.US_ASCII));
            } else {
                write(body, spanIdAt[s], spanId);
                write(body, traceIdAt[s], traceId);
            }
        }
        return body;
    }

    static byte[] spanId(int run, int request, int span) {
        return new byte[] {(byte) (run >> 8), (byte) run, (byte) (request >> 24), (byte) (request >> 16),
                (byte) (request >> 8), (byte) request, (byte) (span >> 8), (byte) span};
    }

    private static byte[] traceId(int run, int request, int trace) {
        byte[] id = new byte[16];
        id[0] = (byte) 0x7e;
        id[1] = (byte) (run >> 8);
        id[2] = (byte) run;
        System.arraycopy(spanId(run, request, trace), 2, id, 8, 6);
        id[15] = 1;
        return id;
    }

    private static void write(byte[] body, int at, byte[] value) {
        System.arraycopy(value, 0, body, at, value.length);
    }

    /** A protobuf {@code ExportTraceServiceRequest} of at most {@code maxBytes}, of spans of about 1 KB. */
    static MaxSizeExport protobuf(String service, int run, int maxBytes, long startNanos) {
        List<byte[]> spans = new ArrayList<>();
        Random random = new Random(run);
        long total = 200;
        while (true) {
            byte[] span = protoSpan(startNanos, payload(random));
            if (total + span.length + 5 > maxBytes - 64) {
                break;
            }
            spans.add(span);
            total += span.length + 5;
        }
        ByteArrayOutputStream scopeSpans = new ByteArrayOutputStream();
        field(scopeSpans, 1, protoString(1, "dev.vigil.overload"));
        int[] spanAt = new int[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            tag(scopeSpans, 2);
            varint(scopeSpans, spans.get(i).length);
            spanAt[i] = scopeSpans.size();
            scopeSpans.writeBytes(spans.get(i));
        }
        ByteArrayOutputStream resource = new ByteArrayOutputStream();
        field(resource, 1, keyValue("service.name", service));
        ByteArrayOutputStream resourceSpans = new ByteArrayOutputStream();
        field(resourceSpans, 1, resource.toByteArray());
        tag(resourceSpans, 2);
        varint(resourceSpans, scopeSpans.size());
        int scopeSpansAt = resourceSpans.size();
        resourceSpans.writeBytes(scopeSpans.toByteArray());
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        tag(request, 1);
        varint(request, resourceSpans.size());
        int resourceSpansAt = request.size();
        request.writeBytes(resourceSpans.toByteArray());
        int[] traceIdAt = new int[spanAt.length];
        int[] spanIdAt = new int[spanAt.length];
        for (int i = 0; i < spanAt.length; i++) {
            int base = resourceSpansAt + scopeSpansAt + spanAt[i];
            traceIdAt[i] = base + 2; // tag 0x0a, length 16
            spanIdAt[i] = base + 2 + 16 + 2; // tag 0x12, length 8
        }
        return new MaxSizeExport(request.toByteArray(), traceIdAt, spanIdAt, false, run);
    }

    /** An OTLP/JSON export of at most {@code maxBytes}, the same spans as {@link #protobuf} writes. */
    static MaxSizeExport json(String service, int run, int maxBytes, long startNanos) {
        Random random = new Random(run);
        StringBuilder body = new StringBuilder(maxBytes);
        body.append("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"")
                .append(service).append("\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"dev.vigil.overload\"},\"spans\":[");
        String end = "]}]}]}";
        List<Integer> traceIdAt = new ArrayList<>();
        List<Integer> spanIdAt = new ArrayList<>();
        String zeroTrace = "0".repeat(32);
        String zeroSpan = "0".repeat(16);
        while (true) {
            String head = (spanIdAt.isEmpty() ? "" : ",") + "{\"traceId\":\"";
            String span = head + zeroTrace + "\",\"spanId\":\"" + zeroSpan + "\",\"name\":\"GET /checkout\",\"kind\":2,"
                    + "\"startTimeUnixNano\":\"" + startNanos + "\",\"endTimeUnixNano\":\"" + (startNanos + 1_500_000)
                    + "\",\"attributes\":[{\"key\":\"payload\",\"value\":{\"stringValue\":\"" + payload(random) + "\"}}]}";
            if (body.length() + span.length() + end.length() > maxBytes - 64) {
                break;
            }
            int at = body.length() + head.length();
            traceIdAt.add(at);
            spanIdAt.add(at + 32 + "\",\"spanId\":\"".length());
            body.append(span);
        }
        body.append(end);
        return new MaxSizeExport(body.toString().getBytes(StandardCharsets.US_ASCII),
                traceIdAt.stream().mapToInt(Integer::intValue).toArray(),
                spanIdAt.stream().mapToInt(Integer::intValue).toArray(), true, run);
    }

    /** 900 letters and digits: about 1 KB a span, and not much for gzip or LZ4 to take away. */
    private static String payload(Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(900);
        for (int i = 0; i < 900; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static byte[] protoSpan(long startNanos, String payload) {
        ByteArrayOutputStream span = new ByteArrayOutputStream();
        field(span, 1, new byte[16]);
        field(span, 2, new byte[8]);
        field(span, 5, "GET /checkout".getBytes(StandardCharsets.UTF_8));
        span.write(6 << 3);
        span.write(2); // SPAN_KIND_SERVER
        fixed64(span, 7, startNanos);
        fixed64(span, 8, startNanos + 1_500_000);
        field(span, 9, keyValue("payload", payload));
        return span.toByteArray();
    }

    private static byte[] keyValue(String key, String value) {
        ByteArrayOutputStream kv = new ByteArrayOutputStream();
        field(kv, 1, key.getBytes(StandardCharsets.UTF_8));
        field(kv, 2, protoString(1, value));
        return kv.toByteArray();
    }

    private static byte[] protoString(int field, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, field, value.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int field, byte[] value) {
        tag(out, field);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void tag(ByteArrayOutputStream out, int field) {
        varint(out, (field << 3) | 2);
    }

    private static void fixed64(ByteArrayOutputStream out, int field, long value) {
        varint(out, (field << 3) | 1);
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
