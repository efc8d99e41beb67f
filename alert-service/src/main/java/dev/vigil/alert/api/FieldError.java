package dev.vigil.alert.api;

/**
 * One problem with one field of a request, as the request checks collect them; the error answer lists them by
 * field.
 *
 * @param field the field's path in the request body, e.g. {@code intervalSeconds} or {@code labels.team}
 */
public record FieldError(String field, String message) {
}
