package dev.vigil.health.cluster;

import dev.vigil.health.status.HealthStatus;

import java.time.Instant;
import java.util.List;

/**
 * One node.
 *
 * @param ready    the node's Ready condition; {@code null} when the {@code k8s_cluster} receiver did not report it
 * @param pods     how many live pods run on it
 * @param reasons  why the status is not healthy, empty when it is
 * @param lastSeen the newest sample of the node
 * @param history  per minute over the history window, oldest first
 */
public record NodeHealth(String name, HealthStatus status, List<String> reasons, Boolean ready, int pods, Usage cpu,
        Usage memory, Instant lastSeen, List<HistoryPoint> history) {

    public NodeHealth {
        reasons = List.copyOf(reasons);
        history = List.copyOf(history);
    }
}
