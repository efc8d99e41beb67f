package dev.vigil.ingest.receive;

/** The request's ingest token is valid but does not allow this signal, or none of the signal's pipelines. */
final class PermissionDeniedException extends RuntimeException {
    PermissionDeniedException(String message) {
        super(message);
    }
}
