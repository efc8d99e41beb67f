package dev.vigil.query.trace;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of trace search results, newest first. */
@Schema(name = "TracePage")
record TracePage(
        List<TraceSummary> traces,
        @Schema(description = "Pass as cursor for the next page; null on the last page", nullable = true)
        String nextCursor) {
}
