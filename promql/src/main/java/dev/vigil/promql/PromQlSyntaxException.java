package dev.vigil.promql;

/** An expression that is not PromQL; the message says what was expected where, as Prometheus's parser does. */
public final class PromQlSyntaxException extends RuntimeException {
    private final int position;

    public PromQlSyntaxException(int position, String message) {
        super("1:" + (position + 1) + ": parse error: " + message);
        this.position = position;
    }

    /** Zero-based offset into the expression. */
    public int position() {
        return position;
    }
}
