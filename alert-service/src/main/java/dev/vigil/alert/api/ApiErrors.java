package dev.vigil.alert.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.vigil.alert.route.ConflictException;
import dev.vigil.alert.route.UnknownReferenceException;
import dev.vigil.alert.rule.DuplicateRuleNameException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where failures become HTTP answers. Every answer carries an {@link ApiError} body,
 * and a 400 names the fields at fault, including those Jackson could not read.
 */
final class ApiErrors {

    @ServerExceptionMapper
    RestResponse<ApiError> invalid(InvalidRequestException e) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage(), e.fields());
    }

    @ServerExceptionMapper
    RestResponse<ApiError> notFound(NotFoundException e) {
        return answer(Response.Status.NOT_FOUND, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    RestResponse<ApiError> conflict(ConflictException e) {
        return answer(Response.Status.CONFLICT, e.getMessage(), List.of(new FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> unknownReference(UnknownReferenceException e) {
        return answer(Response.Status.BAD_REQUEST, e.field() + " " + e.getMessage(),
                List.of(new FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> duplicateName(DuplicateRuleNameException e) {
        return answer(Response.Status.CONFLICT, e.getMessage(),
                List.of(new FieldError("name", "is already used by another rule")));
    }

    /** Jackson's reader lets a field of the wrong type, or an unknown field, through unwrapped. */
    @ServerExceptionMapper
    RestResponse<ApiError> unreadableField(MismatchedInputException e) {
        return unreadable(e);
    }

    /**
     * JAX-RS' own failures (no such path, wrong method or media type), and Jackson's other read
     * failures, which the reader wraps into a 400: answered in the same shape as every other error.
     */
    @ServerExceptionMapper
    RestResponse<ApiError> webApplication(WebApplicationException e) {
        return switch (e.getCause()) {
            case JsonMappingException mapping -> unreadable(mapping);
            case StreamReadException read -> unreadable(read);
            case null, default -> {
                Response.StatusType status = e.getResponse().getStatusInfo();
                yield answer(status, e.getMessage(), List.of());
            }
        };
    }

    private static RestResponse<ApiError> unreadable(JsonMappingException e) {
        FieldError error = switch (e) {
            case UnrecognizedPropertyException unknown ->
                    new FieldError(path(e, unknown.getPropertyName()), "is not a known field");
            case MismatchedInputException mismatch -> new FieldError(path(e, null), expected(mismatch.getTargetType()));
            default -> new FieldError(path(e, null), e.getCause() instanceof InputCoercionException coercion
                    ? "is out of range: " + coercion.getOriginalMessage()
                    : "cannot be read: " + e.getOriginalMessage());
        };
        if (error.field().isEmpty()) {
            return answer(Response.Status.BAD_REQUEST, "the body must be a JSON object", List.of());
        }
        return answer(Response.Status.BAD_REQUEST, error.field() + " " + error.message(), List.of(error));
    }

    /** Malformed JSON, or a number out of range: the parser knows where it was, as a JSON pointer. */
    private static RestResponse<ApiError> unreadable(StreamReadException e) {
        String field = e.getProcessor() == null
                ? ""
                : e.getProcessor().getParsingContext().pathAsPointer().toString().replaceFirst("^/", "").replace('/', '.');
        if (e instanceof JsonParseException || field.isEmpty()) {
            return answer(Response.Status.BAD_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage(), List.of());
        }
        FieldError error = new FieldError(field, "is out of range: " + e.getOriginalMessage());
        return answer(Response.Status.BAD_REQUEST, error.field() + " " + error.message(), List.of(error));
    }

    /** The field's path as the client wrote it, e.g. {@code labels.team}; {@code leaf} if Jackson left it off. */
    private static String path(JsonMappingException e, String leaf) {
        StringBuilder path = new StringBuilder();
        String last = null;
        for (JsonMappingException.Reference reference : e.getPath()) {
            last = reference.getFieldName();
            if (last != null) {
                path.append(path.isEmpty() ? "" : ".").append(last);
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (leaf != null && !leaf.equals(last)) {
            path.append(path.isEmpty() ? "" : ".").append(leaf);
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be a JSON object";
        }
        return "has the wrong type";
    }

    private static RestResponse<ApiError> answer(Response.StatusType status, String message, List<FieldError> fields) {
        String code = switch (status.getStatusCode()) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 409 -> "conflict";
            default -> status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
        };
        return RestResponse.ResponseBuilder
                .create(status, new ApiError(status.getStatusCode(), code, message, fields))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
