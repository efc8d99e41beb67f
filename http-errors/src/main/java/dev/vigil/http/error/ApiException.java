package dev.vigil.http.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer a service chooses for a request it cannot carry out, with the status and the {@link ErrorBody} it
 * gets. Thrown by resources (or made from a service's own exception by its mapper) and answered by this module's
 * mappers; never logged, because it is an answer, not a fault.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> fields;

    /**
     * @param code one of {@link ErrorCode}'s, or a service's own more specific code
     * @param fields each field at fault and what is wrong with it, in order; empty when the error is not about fields
     */
    public ApiException(int status, String code, String message, Map<String, String> fields) {
        // No stack trace: these are expected answers, not faults.
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error answer needs a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        this.code = code;
        this.fields = new LinkedHashMap<>(fields);
    }

    /** 400: {@code parameter} of the request's {@code location} (query, path, header) is wrong as {@code problem} says. */
    public static ApiException invalidParameter(String location, String parameter, String problem) {
        return new ApiException(400, ErrorCode.INVALID_ARGUMENT, location + " parameter '" + parameter + "' " + problem,
                Map.of(parameter, problem));
    }

    /** 400: each of {@code fields} (path → problem, in order) is wrong; the message lists them all. */
    public static ApiException invalidFields(Map<String, String> fields) {
        StringBuilder message = new StringBuilder();
        fields.forEach((field, problem) -> message.append(message.isEmpty() ? "" : "; ").append(field).append(' ')
                .append(problem));
        return new ApiException(400, ErrorCode.INVALID_ARGUMENT, message.toString(), fields);
    }

    /** 404: the addressed thing does not exist; {@code message} names it. */
    public static ApiException notFound(String message) {
        return new ApiException(404, ErrorCode.NOT_FOUND, message, Map.of());
    }

    /** 409: the stored data forbids the change to {@code field}. */
    public static ApiException conflict(String field, String message) {
        return new ApiException(409, ErrorCode.CONFLICT, message, Map.of(field, message));
    }

    /** 503 with {@code Retry-After}: something the service depends on cannot answer now. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, ErrorCode.UNAVAILABLE, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Each field at fault and what is wrong with it, in the order found. */
    public Map<String, String> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }

    ErrorBody body(String correlationId) {
        return new ErrorBody(code, getMessage(), fields, correlationId);
    }
}
