package dev.vigil.query.services;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operation (span name) of a service, per span kind. */
@Schema(name = "Operation")
public record Operation(
        String name,
        @Schema(description = "SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL or UNSPECIFIED") String spanKind,
        long spans,
        long errors) {
}
