package dev.vigil.query.log;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of access log entries, newest first. */
@Schema(name = "AccessLogPage")
record AccessLogPage(List<AccessLogEntry> entries,
        @Schema(description = "Pass as cursor for the next page; null on the last page", nullable = true)
        String nextCursor) {
}
