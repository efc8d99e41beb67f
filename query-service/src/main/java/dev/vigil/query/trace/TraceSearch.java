package dev.vigil.query.trace;

import dev.vigil.query.api.TimeRange;
import java.util.Map;
import java.util.Optional;

/**
 * What a trace search asks for. A trace matches when one of its spans in the range meets every criterion at once,
 * as in Jaeger: service, operation, duration bounds (inclusive), ERROR status, each span attribute and each
 * resource attribute equal to its value, and each of {@code eitherAttributes} equal to its value among the span's
 * or the resource's attributes (Jaeger's tags).
 *
 * @param order the order of the results
 * @param after the page before's last trace: its value in {@code order} and its id
 */
public record TraceSearch(TimeRange range, Optional<String> service, Optional<String> operation,
        Optional<Long> minDurationNanos, Optional<Long> maxDurationNanos, boolean errorsOnly,
        Map<String, String> spanAttributes, Map<String, String> resourceAttributes,
        Map<String, String> eitherAttributes, int limit, Order order, Optional<After> after) {

    /** How results are ordered; ties go by trace id, descending. */
    public enum Order {
        /** Newest first by the latest matching span's start time. */
        RECENT,
        /** Slowest first by the whole trace's duration (earliest span start to latest span end). */
        DURATION
    }

    /** Where a page starts: after the trace with this id and this value (time or duration, in nanoseconds). */
    public record After(long value, String traceId) {
    }
}
