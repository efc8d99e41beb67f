package dev.vigil.query.clickhouse;

import dev.vigil.store.error.ClickHouseFailure;

/**
 * A read from ClickHouse failed. {@link #kind()} says whether retrying later can help, so the API layer can answer
 * with the right status without knowing ClickHouse's error codes.
 */
public final class StorageException extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** ClickHouse cannot be reached, refuses us, or lacks the schema yet: retrying later may succeed. */
        UNAVAILABLE,
        /** A cost guard stopped the query; {@link #guard()} names the setting. */
        LIMIT_EXCEEDED,
        /** Anything else: a query or decoding fault on our side. */
        FAILED
    }

    private final Kind kind;
    private final String guard;

    private StorageException(Kind kind, String guard, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.guard = guard;
    }

    public Kind kind() {
        return kind;
    }

    /** The configuration key of the cost guard that stopped the query; {@code null} unless LIMIT_EXCEEDED. */
    public String guard() {
        return guard;
    }

    /**
     * Classifies any failure of a ClickHouse call by telemetry-store's one reading of ClickHouse errors; an existing
     * StorageException passes through unchanged.
     */
    public static StorageException of(Throwable failure) {
        ClickHouseFailure classified = ClickHouseFailure.of(failure);
        Throwable cause = classified.cause();
        if (cause instanceof StorageException storage) {
            return storage;
        }
        if (classified.guard() != null) {
            return new StorageException(Kind.LIMIT_EXCEEDED, classified.guard(),
                    "ClickHouse stopped the query (" + classified.guard() + "): " + cause.getMessage(), cause);
        }
        if (classified.retryable()) {
            return new StorageException(Kind.UNAVAILABLE, null, "ClickHouse unavailable: " + cause.getMessage(), cause);
        }
        return new StorageException(Kind.FAILED, null, "ClickHouse read failed: " + cause.getMessage(), cause);
    }
}
