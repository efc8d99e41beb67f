package dev.vigil.http.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Map;

/**
 * A JSON request body Jackson could not read, as a 400 naming the field at fault the way the client wrote it
 * ({@code labels.team}, {@code groupBy[2]}) and what is wrong with it, in words, not Jackson's exception text.
 */
final class UnreadableBody {

    private UnreadableBody() {
    }

    static ApiException of(JsonMappingException e) {
        String field;
        String problem;
        switch (e) {
            case UnrecognizedPropertyException unknown -> {
                field = path(e, unknown.getPropertyName());
                problem = "is not a known field";
            }
            case MismatchedInputException mismatch -> {
                field = path(e, null);
                problem = expected(mismatch.getTargetType());
            }
            default -> {
                field = path(e, null);
                problem = e.getCause() instanceof InputCoercionException coercion ? outOfRange(coercion) : "cannot be read";
            }
        }
        if (field.isEmpty()) {
            return new ApiException(400, ErrorCode.INVALID_ARGUMENT, "the body must be a JSON object", Map.of());
        }
        return ApiException.invalidFields(Map.of(field, problem));
    }

    /** Malformed JSON, or a number out of range: the parser knows where it was, as a JSON pointer. */
    static ApiException of(StreamReadException e) {
        String field = e.getProcessor() == null
                ? ""
                : e.getProcessor().getParsingContext().pathAsPointer().toString().replaceFirst("^/", "").replace('/', '.');
        if (e instanceof JsonParseException || field.isEmpty()) {
            // Where the text stops being JSON helps the client; the parser's own words (its class names) do not.
            return new ApiException(400, ErrorCode.INVALID_ARGUMENT, "the body is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"), Map.of());
        }
        return ApiException.invalidFields(Map.of(field,
                e instanceof InputCoercionException coercion ? outOfRange(coercion) : "cannot be read"));
    }

    private static String outOfRange(InputCoercionException e) {
        Class<?> type = e.getTargetType();
        if (type == Integer.TYPE || type == Integer.class) {
            return "is out of range (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
        }
        if (type == Long.TYPE || type == Long.class) {
            return "is out of range (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")";
        }
        return "is out of range";
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
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be a JSON object";
        }
        return "has the wrong type";
    }
}
