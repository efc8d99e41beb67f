package dev.vigil.ingest.receive;

/** Accepting the request would put more bytes in flight to Kafka than the receiver allows; later it may not. */
final class OverloadedException extends RuntimeException {
    OverloadedException(String message) {
        super(message);
    }
}
