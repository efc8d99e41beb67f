package dev.vigil.health.cluster;

import dev.vigil.health.status.HealthStatus;

import java.time.Instant;
import java.util.List;

/**
 * One pod.
 *
 * @param workloadKind {@code deployment}, {@code statefulset}, {@code daemonset}, {@code job}, {@code cronjob} or
 *                     {@code replicaset}; empty for a bare pod, whose workload is then the pod itself
 * @param phase        {@code Pending}, {@code Running}, {@code Succeeded}, {@code Failed} or {@code Unknown};
 *                     {@code null} when the {@code k8s_cluster} receiver did not report it
 * @param restarts     container restarts summed over the pod's containers, as Kubernetes counts them
 * @param reasons      why the status is not healthy, empty when it is
 * @param history      per minute over the history window, oldest first
 */
public record PodHealth(String namespace, String name, String node, String workloadKind, String workload,
        HealthStatus status, List<String> reasons, String phase, Long restarts, Usage cpu, Usage memory,
        Instant lastSeen, List<HistoryPoint> history) {

    public PodHealth {
        reasons = List.copyOf(reasons);
        history = List.copyOf(history);
    }
}
