package dev.vigil.ingest.receive;

/** The request carries no ingest token, or one that is unknown, revoked or expired. */
final class UnauthenticatedException extends RuntimeException {
    UnauthenticatedException(String message) {
        super(message);
    }
}
