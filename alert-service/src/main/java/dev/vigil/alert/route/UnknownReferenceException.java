package dev.vigil.alert.route;

/** A request names something that does not exist, e.g. a route's {@code channelId}. Answered with 400. */
public final class UnknownReferenceException extends RuntimeException {

    private final String field;

    UnknownReferenceException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
