package dev.vigil.alert.dashboard;

/** No dashboard, or no version of it, has the uid or number asked for; answered with 404. */
public final class DashboardNotFoundException extends RuntimeException {

    DashboardNotFoundException(String message) {
        super(message, null, false, false);
    }
}
