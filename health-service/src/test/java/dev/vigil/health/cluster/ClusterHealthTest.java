package dev.vigil.health.cluster;

import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.StatusChange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterHealthTest {

    private static final Instant T1 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T12:00:10Z");

    @Test
    void firstSightReportsOnlyWhatIsNotHealthy() {
        ClusterSnapshot first = snapshot(T1, HealthStatus.WARNING,
                List.of(node("n1", HealthStatus.HEALTHY)),
                List.of(pod("a", HealthStatus.HEALTHY), pod("b", HealthStatus.WARNING)));

        List<StatusChange> changes = ClusterHealth.changes(null, first);

        assertThat(changes).containsExactly(
                new StatusChange("cluster", null, HealthStatus.WARNING, List.of(), T1),
                new StatusChange("cluster/pods/shop/b", null, HealthStatus.WARNING, List.of("b is WARNING"), T1));
    }

    @Test
    void reportsEachTransitionWithItsPreviousStatus() {
        ClusterSnapshot before = snapshot(T1, HealthStatus.WARNING, List.of(node("n1", HealthStatus.HEALTHY)),
                List.of(pod("a", HealthStatus.HEALTHY), pod("b", HealthStatus.WARNING)));
        ClusterSnapshot after = snapshot(T2, HealthStatus.CRITICAL, List.of(node("n1", HealthStatus.CRITICAL)),
                List.of(pod("a", HealthStatus.HEALTHY), pod("b", HealthStatus.HEALTHY)));

        List<StatusChange> changes = ClusterHealth.changes(before, after);

        assertThat(changes).containsExactly(
                new StatusChange("cluster", HealthStatus.WARNING, HealthStatus.CRITICAL, List.of(), T2),
                new StatusChange("cluster/nodes/n1", HealthStatus.HEALTHY, HealthStatus.CRITICAL,
                        List.of("n1 is CRITICAL"), T2),
                new StatusChange("cluster/pods/shop/b", HealthStatus.WARNING, HealthStatus.HEALTHY, List.of(), T2));
    }

    @Test
    void aSnapshotComputedLaterButShowingTheSameIsTheSame() {
        ClusterSnapshot one = snapshot(T1, HealthStatus.HEALTHY, List.of(), List.of(pod("a", HealthStatus.HEALTHY)));
        ClusterSnapshot two = snapshot(T2, HealthStatus.HEALTHY, List.of(), List.of(pod("a", HealthStatus.HEALTHY)));
        ClusterSnapshot three = snapshot(T2, HealthStatus.HEALTHY, List.of(), List.of(pod("b", HealthStatus.HEALTHY)));

        assertThat(one.sameAs(two)).isTrue();
        assertThat(two.sameAs(three)).isFalse();
        assertThat(one.sameAs(null)).isFalse();
    }

    private static ClusterSnapshot snapshot(Instant at, HealthStatus status, List<NodeHealth> nodes,
            List<PodHealth> pods) {
        Usage none = new Usage(null, null, null, null, null, null, null);
        return new ClusterSnapshot(new ClusterReport(status, at, null, nodes.size(), pods.size(), Map.of(), Map.of(),
                none, none, List.of(), List.of()), nodes, pods);
    }

    private static NodeHealth node(String name, HealthStatus status) {
        Usage none = new Usage(null, null, null, null, null, null, null);
        return new NodeHealth(name, status, reasons(name, status), true, 0, none, none, T1, List.of());
    }

    private static PodHealth pod(String name, HealthStatus status) {
        Usage none = new Usage(null, null, null, null, null, null, null);
        return new PodHealth("shop", name, "n1", "deployment", "shop", status, reasons(name, status), "Running", 0L,
                none, none, T1, List.of());
    }

    private static List<String> reasons(String name, HealthStatus status) {
        return status == HealthStatus.HEALTHY ? List.of() : List.of(name + " is " + status);
    }
}
