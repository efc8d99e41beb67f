package dev.vigil.query.log;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One log record as the API answers it. */
@Schema(name = "LogRecord")
public record LogRecord(
        @Schema(description = "RFC 3339, UTC, nine fraction digits") String time,
        @Schema(nullable = true, description = "The span it was written in, if any") String traceId,
        @Schema(nullable = true) String spanId,
        String severityText,
        @Schema(description = "OpenTelemetry severity number, 1 (TRACE) to 24 (FATAL4); 0 unset") int severityNumber,
        String serviceName,
        String body,
        Map<String, String> attributes,
        Map<String, String> resourceAttributes,
        String scopeName) {
}
