package dev.vigil.http.error;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one table from a failure to its answer. A failure it does not know is a fault of the service: it gets no
 * answer here, and the caller answers 500 without repeating its text.
 */
final class FailureTable {

    private FailureTable() {
    }

    /**
     * The request a failure happened to, as far as the answer names it.
     *
     * @param contentType the request's {@code Content-Type}, or {@code null}
     */
    record Request(String method, String path, String contentType) {
    }

    /** What a known failure answers; empty for a fault of the service. */
    static Optional<ApiException> answer(Throwable thrown, Request request) {
        Throwable failure = unwrap(thrown);
        return switch (failure) {
            case ApiException api -> Optional.of(api);
            case ConstraintViolationException violations -> Optional.of(invalid(violations));
            // The JSON reader lets a field of the wrong type, or an unknown field, through unwrapped.
            case MismatchedInputException mismatch -> Optional.of(UnreadableBody.of(mismatch));
            case WebApplicationException web -> web(web, request);
            default -> StorageOutage.of(failure).map(outage -> ApiException.unavailable(outage.message()));
        };
    }

    /** 400 naming every field that failed bean validation, in the order of their paths. */
    private static ApiException invalid(ConstraintViolationException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<ConstraintViolation<?>> sorted = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> field(v.getPropertyPath()))
                        .thenComparing(ConstraintViolation::getMessage))
                .toList();
        for (ConstraintViolation<?> violation : sorted) {
            fields.merge(field(violation.getPropertyPath()), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        if (fields.isEmpty()) {
            return new ApiException(400, ErrorCode.INVALID_ARGUMENT, "the request is not valid", Map.of());
        }
        return ApiException.invalidFields(fields);
    }

    /**
     * A violation's field as the client knows it: {@code create.request.labels} becomes {@code labels} (the method
     * and its parameter are the server's names), while a parameter validated by itself keeps its own name.
     */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append(field.isEmpty() ? "" : ".").append(node.getKey());
            }
            if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT && kind != ElementKind.BEAN) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        if (field.isEmpty()) {
            return parameter != null ? parameter : path.toString();
        }
        return field.toString();
    }

    /** The framework's own answers, worded for the client; the exception's own text is the framework's, not theirs. */
    private static Optional<ApiException> web(WebApplicationException e, Request request) {
        switch (e.getCause()) {
            case JsonMappingException mapping -> {
                return Optional.of(UnreadableBody.of(mapping));
            }
            case StreamReadException read -> {
                return Optional.of(UnreadableBody.of(read));
            }
            case null, default -> {
            }
        }
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 400 -> "the request cannot be read as " + request.method() + " " + request.path() + " expects it";
            case 401 -> "the request needs credentials";
            case 403 -> "the credentials do not allow " + request.method() + " " + request.path();
            case 404 -> "no endpoint " + request.method() + " " + request.path();
            case 405 -> request.method() + " is not allowed on " + request.path();
            case 406 -> request.path() + " cannot answer in a media type the request accepts";
            case 413 -> "the request body is too large";
            case 415 -> "content type " + (request.contentType() == null ? "(none)" : request.contentType())
                    + " is not accepted by " + request.method() + " " + request.path();
            case 503 -> "the service is unavailable; retry later";
            default -> {
                if (status >= 500) {
                    yield null;
                }
                String reason = e.getResponse().getStatusInfo().getReasonPhrase();
                yield reason == null ? "the request failed" : reason.toLowerCase(Locale.ROOT);
            }
        };
        if (message == null) {
            // A 500 the framework raised is a fault like any other: logged, not described.
            return Optional.empty();
        }
        return Optional.of(new ApiException(status, ErrorCode.forStatus(status), message, Map.of()));
    }

    static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
