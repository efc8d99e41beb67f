package dev.vigil.query.api;

/**
 * A request cannot be answered for a reason the client can act on. Thrown by resources, turned into a JSON
 * {@link ApiError} by {@link ApiErrorMapper}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;

    private ApiException(int status, String error, String message) {
        // No stack trace: these are expected answers, not faults, and are never logged.
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    /** 400: {@code parameter} is malformed; {@code problem} says how, e.g. "must be 32 hexadecimal characters". */
    public static ApiException invalidParameter(String location, String parameter, String problem) {
        return new ApiException(400, "invalid_parameter", location + " parameter '" + parameter + "' " + problem);
    }

    /** 404: the addressed resource does not exist. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    ApiError body() {
        return new ApiError(error, getMessage());
    }
}
