package dev.vigil.health.cluster;

import dev.vigil.health.status.HealthStatus;

import java.util.List;

/**
 * The pods of one workload summed up; its status is its worst pod's.
 *
 * @param reasons each unhealthy pod's reasons, prefixed with the pod's name
 */
public record WorkloadHealth(String namespace, String kind, String name, HealthStatus status, List<String> reasons,
        int pods, Usage cpu, Usage memory) {

    public WorkloadHealth {
        reasons = List.copyOf(reasons);
    }
}
