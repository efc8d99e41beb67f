package dev.vigil.health.platform;

import java.util.List;

/** The body of {@code GET /api/v1/platform}: the overall status and every service's, ordered by name. */
public record PlatformReport(PlatformStatus status, List<ServiceHealth> services) {
    public PlatformReport {
        services = List.copyOf(services);
    }
}
