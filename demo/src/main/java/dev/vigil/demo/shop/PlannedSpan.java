package dev.vigil.demo.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One span the shop will send, fixed in advance so that a seeded run's every id, time and outcome is known.
 *
 * @param attributes values are {@link String} or {@link Long}, in a fixed order
 * @param error      whether the span's status is ERROR (with {@code statusMessage}); otherwise it is UNSET
 */
public record PlannedSpan(String traceId, String spanId, String parentSpanId, String service, String name,
        Kind kind, long startNanos, long endNanos, boolean error, String statusMessage,
        Map<String, Object> attributes, List<PlannedSpan> children) {

    /** OpenTelemetry span kinds the shop uses. */
    public enum Kind { SERVER, CLIENT, PRODUCER, INTERNAL }

    public long durationNanos() {
        return endNanos - startNanos;
    }

    /** This span and all below it, parents before children. */
    public List<PlannedSpan> flatten() {
        List<PlannedSpan> all = new ArrayList<>();
        collect(this, all);
        return all;
    }

    private static void collect(PlannedSpan span, List<PlannedSpan> into) {
        into.add(span);
        span.children().forEach(child -> collect(child, into));
    }
}
