package dev.vigil.ingest.receive;

/** The body, as sent or once decompressed, is larger than {@code vigil.ingest.receive.max-request-bytes}. */
final class RequestTooLargeException extends RuntimeException {
    RequestTooLargeException(String message) {
        super(message);
    }
}
