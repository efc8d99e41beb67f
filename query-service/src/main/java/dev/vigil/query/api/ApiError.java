package dev.vigil.query.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of every error answer: a stable machine-readable code and a sentence for people. */
@Schema(name = "Error", description = "Error answer of every Vigil API")
public record ApiError(
        @Schema(description = "Stable code, e.g. invalid_parameter, not_found, storage_unavailable",
                examples = "invalid_parameter")
        String error,
        @Schema(description = "What went wrong, naming the offending parameter where there is one",
                examples = "path parameter 'traceId' must be 32 hexadecimal characters, got 3 characters")
        String message) {
}
