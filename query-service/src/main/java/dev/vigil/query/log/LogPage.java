package dev.vigil.query.log;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of log records, newest first. */
@Schema(name = "LogPage")
record LogPage(List<LogRecord> logs,
        @Schema(description = "Pass as cursor for the next page; null on the last page", nullable = true)
        String nextCursor) {
}
