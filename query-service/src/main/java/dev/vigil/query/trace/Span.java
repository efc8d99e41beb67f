package dev.vigil.query.trace;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One span of a trace, as the API answers it. Times are RFC 3339 UTC with nanoseconds. */
@Schema(name = "Span")
public record Span(
        @Schema(description = "32 lower-case hex characters", examples = "5b8efff798038103d269b633813fc60c")
        String traceId,
        @Schema(description = "16 lower-case hex characters", examples = "eee19b7ec3c1b174")
        String spanId,
        @Schema(description = "Span id of the parent; null for a root span (stored as an empty string)",
                nullable = true, examples = "eee19b7ec3c1b173")
        String parentSpanId,
        String name,
        SpanKind kind,
        @Schema(description = "The resource's service.name")
        String serviceName,
        @Schema(description = "Start time, RFC 3339, UTC, nine fraction digits",
                examples = "2026-11-22T10:15:30.123456789Z")
        String startTime,
        @Schema(description = "Duration in nanoseconds")
        long durationNanos,
        Status status,
        @Schema(description = "Span attributes; values as stored (text)")
        Map<String, String> attributes,
        @Schema(description = "Resource attributes; values as stored (text)")
        Map<String, String> resourceAttributes,
        Scope scope,
        List<Event> events,
        List<Link> links) {

    @Schema(name = "SpanStatus")
    public record Status(StatusCode code, String message) {
    }

    @Schema(name = "InstrumentationScope")
    public record Scope(String name, String version) {
    }

    @Schema(name = "SpanEvent")
    public record Event(
            @Schema(description = "RFC 3339, UTC, nine fraction digits", examples = "2026-11-22T10:15:30.223456789Z")
            String time,
            String name,
            Map<String, String> attributes) {
    }

    @Schema(name = "SpanLink")
    public record Link(String traceId, String spanId, String traceState, Map<String, String> attributes) {
    }
}
