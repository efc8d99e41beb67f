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
 * @param after the page before's last trace: its matched time and id
 */
public record TraceSearch(TimeRange range, Optional<String> service, Optional<String> operation,
        Optional<Long> minDurationNanos, Optional<Long> maxDurationNanos, boolean errorsOnly,
        Map<String, String> spanAttributes, Map<String, String> resourceAttributes,
        Map<String, String> eitherAttributes, int limit, Optional<After> after) {

    public record After(long matchedNanos, String traceId) {
    }
}
