package dev.vigil.health.cluster;

import dev.vigil.health.status.HealthStatus;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/v1/cluster}: the cluster at a glance. CPU and memory are the nodes' (which include
 * what runs outside pods) against the nodes' allocatable resources, with the pods' requests.
 *
 * @param status       the worst of every node's and pod's
 * @param computedAt   when the model was last computed
 * @param latestSample the newest sample the model saw; {@code null} when no metrics arrived within the window
 * @param podStatuses  how many pods are in each status
 */
public record ClusterReport(HealthStatus status, Instant computedAt, Instant latestSample, int nodes, int pods,
        Map<HealthStatus, Integer> nodeStatuses, Map<HealthStatus, Integer> podStatuses, Usage cpu, Usage memory,
        List<NamespaceHealth> namespaces, List<WorkloadHealth> workloads) {

    public ClusterReport {
        nodeStatuses = ordered(nodeStatuses);
        podStatuses = ordered(podStatuses);
        namespaces = List.copyOf(namespaces);
        workloads = List.copyOf(workloads);
    }

    private static Map<HealthStatus, Integer> ordered(Map<HealthStatus, Integer> counts) {
        Map<HealthStatus, Integer> ordered = new EnumMap<>(HealthStatus.class);
        ordered.putAll(counts);
        return Collections.unmodifiableMap(ordered);
    }

    /** The same report computed at another moment; two reports that differ only in this are the same picture. */
    ClusterReport computedAt(Instant at) {
        return new ClusterReport(status, at, latestSample, nodes, pods, nodeStatuses, podStatuses, cpu, memory,
                namespaces, workloads);
    }
}
