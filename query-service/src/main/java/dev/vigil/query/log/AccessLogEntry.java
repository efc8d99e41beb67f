package dev.vigil.query.log;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One request seen by the service mesh: who called whom, how, and what came back. */
@Schema(name = "AccessLogEntry")
public record AccessLogEntry(
        @Schema(description = "RFC 3339, UTC, nine fraction digits") String time,
        @Schema(nullable = true) String traceId,
        @Schema(nullable = true) String spanId,
        @Schema(description = "The service that reported it (the proxy's resource)") String serviceName,
        String sourceWorkload,
        String sourceNamespace,
        String destinationWorkload,
        String destinationNamespace,
        int responseCode,
        String method,
        String path,
        long durationNanos,
        Map<String, String> attributes) {
}
