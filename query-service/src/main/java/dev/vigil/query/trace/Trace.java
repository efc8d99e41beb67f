package dev.vigil.query.trace;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A whole trace: its spans, each parent before its children. */
@Schema(name = "Trace")
public record Trace(
        @Schema(description = "32 lower-case hex characters", examples = "5b8efff798038103d269b633813fc60c")
        String traceId,
        @Schema(description = "Parents before children; spans that are ready together in order of start time")
        List<Span> spans) {
}
