package dev.vigil.ingest.receive;

/** The request itself is wrong: sending it again cannot succeed. The message says what is wrong. */
final class InvalidExportException extends RuntimeException {
    InvalidExportException(String message) {
        super(message);
    }

    InvalidExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
