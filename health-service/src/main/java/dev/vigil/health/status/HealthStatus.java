package dev.vigil.health.status;

import java.util.Collection;

/** How healthy one thing is, from the thresholds configured for it; declared from best to worst. */
public enum HealthStatus {
    /** Within every threshold. */
    HEALTHY,
    /** Past a warning threshold, or not known well enough to call healthy. */
    WARNING,
    /** Past a critical threshold, or not working. */
    CRITICAL;

    /** The worse of the two. */
    public HealthStatus and(HealthStatus other) {
        return other.compareTo(this) > 0 ? other : this;
    }

    /** The worst of {@code statuses}; {@link #HEALTHY} when there are none. */
    public static HealthStatus worst(Collection<HealthStatus> statuses) {
        HealthStatus worst = HEALTHY;
        for (HealthStatus status : statuses) {
            worst = worst.and(status);
        }
        return worst;
    }
}
