package dev.vigil.http.error;

/**
 * The stable codes of {@link ErrorBody#error()}. They name what the client can do about the failure, after gRPC's
 * status codes where one fits, and do not change with the wording of messages.
 */
public final class ErrorCode {

    /** 400: a parameter or body field is malformed, out of bounds, unknown or missing; {@code fields} names it. */
    public static final String INVALID_ARGUMENT = "invalid_argument";
    /** 401: the request carries no valid credentials. */
    public static final String UNAUTHENTICATED = "unauthenticated";
    /** 403: the credentials are valid but their role does not allow this. */
    public static final String PERMISSION_DENIED = "permission_denied";
    /** 404: the addressed thing, or the endpoint itself, does not exist. */
    public static final String NOT_FOUND = "not_found";
    /** 405: the endpoint exists but not for this HTTP method. */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** 406: the endpoint cannot answer in a media type the request accepts. */
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    /** 409: the stored data forbids the change, e.g. a name already taken. */
    public static final String CONFLICT = "conflict";
    /** 413: the request body is larger than the service takes. */
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    /** 415: the request body's media type is not one the endpoint reads. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    /** 429: too many requests; retry after {@code Retry-After}. */
    public static final String RESOURCE_EXHAUSTED = "resource_exhausted";
    /** 503: a store or service this one depends on cannot be reached now; retry after {@code Retry-After}. */
    public static final String UNAVAILABLE = "unavailable";
    /** 500: a fault of the service; the body's {@code correlationId} finds it in the log. */
    public static final String INTERNAL = "internal";

    private ErrorCode() {
    }

    /** The code of an HTTP status that carries no more specific one: what the framework's own failures answer. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_ARGUMENT;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RESOURCE_EXHAUSTED;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : INVALID_ARGUMENT;
        };
    }
}
