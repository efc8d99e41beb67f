package dev.vigil.alert.api;

import java.util.List;

/**
 * The body of every error answer.
 *
 * @param error  a stable code clients can branch on: {@code invalid_request}, {@code not_found}, {@code conflict}
 * @param fields the fields at fault; empty when the error is not about particular fields
 */
public record ApiError(int status, String error, String message, List<FieldError> fields) {
    public ApiError {
        fields = List.copyOf(fields);
    }
}
