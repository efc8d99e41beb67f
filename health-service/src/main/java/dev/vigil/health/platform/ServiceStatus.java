package dev.vigil.health.platform;

import dev.vigil.health.status.HealthStatus;

/** What the last probe of one service found. */
public enum ServiceStatus {
    /** Answered 200 and reported itself UP. */
    UP,
    /** Answered, but not ready: reported DOWN, or answered with an error status or an unreadable body. */
    DOWN,
    /** Did not answer: connection refused, reset, or no answer within the probe timeout. */
    UNREACHABLE,
    /** Not probed yet since this service started. */
    UNKNOWN;

    /** A service that is not ready is critical; one not probed yet only a warning. */
    HealthStatus health() {
        return switch (this) {
            case UP -> HealthStatus.HEALTHY;
            case UNKNOWN -> HealthStatus.WARNING;
            case DOWN, UNREACHABLE -> HealthStatus.CRITICAL;
        };
    }
}
