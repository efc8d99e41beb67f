package dev.vigil.contracts.event;

import java.util.List;

/**
 * The {@code data} of a health event on {@code vigil.health}: the status of a subject (the platform, one of its
 * parts, or a part of the monitored cluster) changed. The event's {@code subject} and the record key are the
 * subject too, so that one subject's changes stay in order.
 *
 * @param previous the status before, {@code null} when the subject was not known before
 * @param status   HEALTHY, WARNING or CRITICAL
 * @param reasons  why, one line each; empty when healthy
 */
public record HealthStatusChanged(String subject, String previous, String status, List<String> reasons) {

    /** The {@code type} of every health event. */
    public static final String TYPE = "dev.vigil.health.status.changed";
    /** The {@code source} of health events unless configured otherwise. */
    public static final String SOURCE = "/vigil/health-service";

    public HealthStatusChanged {
        reasons = List.copyOf(reasons);
    }
}
