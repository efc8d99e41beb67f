package dev.vigil.health.cluster;

import java.util.List;

/** The cluster model as computed at one moment: the summary, and every node and pod in name order. */
public record ClusterSnapshot(ClusterReport report, List<NodeHealth> nodes, List<PodHealth> pods) {

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
    }

    /** The same picture without the per-minute history, small enough to push on every change. */
    public ClusterSnapshot withoutHistory() {
        return new ClusterSnapshot(report,
                nodes.stream().map(n -> new NodeHealth(n.name(), n.status(), n.reasons(), n.ready(), n.pods(), n.cpu(),
                        n.memory(), n.lastSeen(), List.of())).toList(),
                pods.stream().map(p -> new PodHealth(p.namespace(), p.name(), p.node(), p.workloadKind(),
                        p.workload(), p.status(), p.reasons(), p.phase(), p.restarts(), p.cpu(), p.memory(),
                        p.lastSeen(), List.of())).toList());
    }

    /** Whether {@code other} shows the same cluster, whenever it was computed. */
    boolean sameAs(ClusterSnapshot other) {
        return other != null && nodes.equals(other.nodes) && pods.equals(other.pods)
                && report.computedAt(other.report.computedAt()).equals(other.report);
    }
}
