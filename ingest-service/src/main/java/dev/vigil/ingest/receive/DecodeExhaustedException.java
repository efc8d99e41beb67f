package dev.vigil.ingest.receive;

/**
 * Decoding ran out of heap or stack. Nothing says the request is wrong — the same body may decode
 * once the receiver is less busy — so it is answered retryably, never as malformed.
 */
final class DecodeExhaustedException extends RuntimeException {
    DecodeExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
