package dev.vigil.promql;

/**
 * A query that parses but cannot be answered; {@link #errorType()} is Prometheus's error type ({@code execution},
 * {@code timeout}, {@code bad_data}), so the HTTP API answers as Prometheus does.
 */
public final class QueryException extends RuntimeException {
    private final String errorType;

    public QueryException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
