package dev.vigil.ingest.receive;

/** The request's body is in an encoding this endpoint does not read. */
final class UnsupportedContentTypeException extends RuntimeException {
    UnsupportedContentTypeException(String message) {
        super(message);
    }
}
