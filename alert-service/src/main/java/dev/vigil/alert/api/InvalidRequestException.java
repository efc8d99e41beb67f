package dev.vigil.alert.api;

import java.util.List;
import java.util.stream.Collectors;

/** A request that cannot be carried out as sent; answered with 400 and every field at fault. */
final class InvalidRequestException extends RuntimeException {

    private final List<FieldError> fields;

    InvalidRequestException(List<FieldError> fields) {
        super(fields.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")));
        this.fields = List.copyOf(fields);
    }

    List<FieldError> fields() {
        return fields;
    }
}
