package dev.vigil.health.platform;

import java.util.Collection;

/** The platform as a whole, summed up from its services. */
public enum PlatformStatus {
    /** Every service is UP. */
    UP,
    /** Some, not all, services are UP. */
    DEGRADED,
    /** No service is UP. */
    DOWN;

    static PlatformStatus of(Collection<ServiceStatus> services) {
        long up = services.stream().filter(s -> s == ServiceStatus.UP).count();
        if (up == 0) {
            return DOWN;
        }
        return up == services.size() ? UP : DEGRADED;
    }
}
