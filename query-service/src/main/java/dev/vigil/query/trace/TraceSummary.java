package dev.vigil.query.trace;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a trace search answers per trace: enough to pick one, without its spans. */
@Schema(name = "TraceSummary")
public record TraceSummary(
        @Schema(description = "32 lower-case hex characters") String traceId,
        @Schema(description = "Service of the root span (of the earliest span when the root is missing)")
        String rootService,
        @Schema(description = "Name of the root span") String rootOperation,
        @Schema(description = "Earliest span start, RFC 3339, UTC, nine fraction digits") String startTime,
        @Schema(description = "From the earliest start to the latest end of its spans, in nanoseconds")
        long durationNanos,
        long spanCount,
        @Schema(description = "Spans with status ERROR") long errorCount,
        @Schema(description = "Services with spans in the trace, by name") List<String> services) {
}
