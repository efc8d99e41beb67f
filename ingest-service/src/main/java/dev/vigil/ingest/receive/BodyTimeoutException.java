package dev.vigil.ingest.receive;

/** The request body did not arrive in full within {@code vigil.ingest.receive.admission.body-timeout}. */
final class BodyTimeoutException extends RuntimeException {
    BodyTimeoutException(String message) {
        super(message);
    }
}
