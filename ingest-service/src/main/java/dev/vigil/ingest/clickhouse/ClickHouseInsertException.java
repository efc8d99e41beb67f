package dev.vigil.ingest.clickhouse;

/** An insert ClickHouse did not confirm; the cause is the client's or server's own exception. */
public final class ClickHouseInsertException extends RuntimeException {
    ClickHouseInsertException(String message, Throwable cause) {
        super(message, cause);
    }
}
