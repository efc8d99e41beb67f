package dev.vigil.query.prometheus;

/** A request the Prometheus API refuses, with Prometheus's error type (which decides the HTTP status). */
final class ApiError extends RuntimeException {
    private final String type;

    ApiError(String type, String message) {
        super(message);
        this.type = type;
    }

    String type() {
        return type;
    }

    /** The status Prometheus answers each error type with. */
    static int status(String type) {
        return switch (type) {
            case "bad_data" -> 400;
            case "execution" -> 422;
            case "not_found" -> 404;
            case "timeout", "canceled", "unavailable" -> 503;
            default -> 500;
        };
    }
}
