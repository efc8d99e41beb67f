package dev.vigil.alert.route;

/** A change the stored data forbids: a name already taken, a channel still used by routes. Answered with 409. */
public final class ConflictException extends RuntimeException {

    private final String field;

    ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault. */
    public String field() {
        return field;
    }
}
