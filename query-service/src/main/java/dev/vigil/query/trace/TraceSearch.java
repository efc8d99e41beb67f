package dev.vigil.query.trace;

import dev.vigil.query.api.TimeRange;
import java.util.Map;
import java.util.Optional;

/**
 * What a trace search asks for. A trace matches when one of its spans in the range meets every criterion at once,
 * as in Jaeger: service, operation, duration bounds (inclusive), ERROR status, and each attribute (span or
 * resource) equal to its value.
 *
 * @param after the page before's last trace: its matched time and id
 */
public record TraceSearch(TimeRange range, Optional<String> service, Optional<String> operation,
        Optional<Long> minDurationNanos, Optional<Long> maxDurationNanos, boolean errorsOnly,
        Map<String, String> attributes, int limit, Optional<After> after) {

    public record After(long matchedNanos, String traceId) {
    }
}
