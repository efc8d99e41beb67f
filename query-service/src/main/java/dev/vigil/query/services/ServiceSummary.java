package dev.vigil.query.services;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A service and what it did in the range. */
@Schema(name = "Service")
public record ServiceSummary(
        @Schema(description = "The resource's service.name") String name,
        @Schema(description = "Spans of this service in the range") long spans,
        @Schema(description = "Spans with status ERROR") long errors) {
}
