package dev.vigil.demo.shop;

import io.opentelemetry.sdk.trace.IdGenerator;

/** Hands the SDK the ids the plan chose, so that the spans sent carry exactly the planned ids. */
final class PlannedIds implements IdGenerator {

    private String traceId;
    private String spanId;

    /** The ids the next span started will take; the trace id is used only by a root span. */
    void next(String traceId, String spanId) {
        this.traceId = traceId;
        this.spanId = spanId;
    }

    @Override
    public String generateSpanId() {
        return require(spanId);
    }

    @Override
    public String generateTraceId() {
        return require(traceId);
    }

    private static String require(String id) {
        if (id == null) {
            throw new IllegalStateException("a span was started without a planned id");
        }
        return id;
    }
}
