package dev.vigil.alert.dashboard;

/**
 * A save the stored dashboards forbid: its uid is taken, or someone saved a newer version since the one edited.
 * Answered with 409.
 */
public final class DashboardConflictException extends RuntimeException {

    private final String field;

    DashboardConflictException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The request field at fault. */
    public String field() {
        return field;
    }
}
