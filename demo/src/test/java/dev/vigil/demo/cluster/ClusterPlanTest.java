package dev.vigil.demo.cluster;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterPlanTest {

    private static final long MIB = 1024L * 1024;

    @Test
    void hasThreeNodesAndTwentyFivePodsInFourNamespaces() {
        ClusterPlan plan = ClusterPlan.generate(42);

        assertThat(plan.nodes()).extracting(NodeSpec::name)
                .containsExactly("vigil-demo-node-1", "vigil-demo-node-2", "vigil-demo-node-3");
        assertThat(plan.pods()).hasSize(25);
        Map<String, Long> perNamespace = plan.pods().stream()
                .collect(Collectors.groupingBy(PodSpec::namespace, Collectors.counting()));
        assertThat(perNamespace).containsOnly(Map.entry("shop", 10L), Map.entry("payments", 5L),
                Map.entry("monitoring", 5L), Map.entry("kube-system", 5L));
        assertThat(plan.pods()).extracting(PodSpec::name).doesNotHaveDuplicates();
        assertThat(plan.pods().stream().filter(p -> p.workload().equals("ledger")).map(PodSpec::name))
                .containsExactly("ledger-0", "ledger-1");
    }

    @Test
    void sameSeedGivesTheSameClusterAndReadings() {
        assertThat(ClusterPlan.generate(7)).isEqualTo(ClusterPlan.generate(7));
        assertThat(ClusterPlan.generate(7).readings(3)).isEqualTo(ClusterPlan.generate(7).readings(3));
        assertThat(ClusterPlan.generate(7).pods()).isNotEqualTo(ClusterPlan.generate(8).pods());
    }

    @Test
    void onlyTheCreepingCartPodApproachesItsMemoryLimit() {
        ClusterPlan plan = ClusterPlan.generate(42);
        PodSpec creeping = plan.creepingPod();
        assertThat(creeping.namespace()).isEqualTo("shop");
        assertThat(creeping.workload()).isEqualTo("cart");
        assertThat(creeping.memoryLimit()).isEqualTo(512 * MIB);

        assertThat(plan.readings(0).pod("shop", creeping.name()).memoryWorkingSet()).isEqualTo(Math.ceilDiv(512 * MIB * 70, 100));
        assertThat(plan.readings(3).pod("shop", creeping.name()).memoryWorkingSet()).isEqualTo(Math.ceilDiv(512 * MIB * 82, 100));
        assertThat(plan.readings(5).pod("shop", creeping.name()).memoryWorkingSet()).isEqualTo(Math.ceilDiv(512 * MIB * 90, 100));
        assertThat(plan.readings(100).pod("shop", creeping.name()).memoryWorkingSet()).isEqualTo(Math.ceilDiv(512 * MIB * 98, 100));
        assertThat(plan.readings(5).pod("shop", creeping.name()).memoryWorkingSet() / (double) creeping.memoryLimit())
                .as("at least the 90 %% it stands for").isGreaterThanOrEqualTo(0.9);

        for (long tick = 0; tick < 20; tick++) {
            for (PodReading pod : plan.readings(tick).pods()) {
                if (pod.spec().creeping()) {
                    continue;
                }
                if (pod.spec().memoryLimit() > 0) {
                    assertThat((double) pod.memoryWorkingSet() / pod.spec().memoryLimit()).isLessThan(0.7);
                }
                if (pod.spec().cpuLimit() > 0) {
                    assertThat(pod.cpuCores() / pod.spec().cpuLimit()).isLessThan(0.75);
                }
            }
        }
    }

    @Test
    void aNodeUsesItsSystemShareplusItsPods() {
        ClusterPlan plan = ClusterPlan.generate(42);
        ClusterReadings readings = plan.readings(2);

        for (NodeReading node : readings.nodes()) {
            long podCpu = readings.pods().stream().filter(p -> p.spec().node().equals(node.spec().name()))
                    .mapToLong(PodReading::cpuMillis).sum();
            long podMemory = readings.pods().stream().filter(p -> p.spec().node().equals(node.spec().name()))
                    .mapToLong(PodReading::memoryWorkingSet).sum();
            assertThat(node.cpuMillis()).isEqualTo(Math.round(node.spec().systemCpu() * 1000) + podCpu);
            assertThat(node.memoryWorkingSet()).isEqualTo(node.spec().systemMemory() + podMemory);
            assertThat(node.cpuCores() / node.spec().allocatableCpu()).isLessThan(0.5);
        }
        assertThat(readings.nodes().stream().mapToLong(n -> readings.pods().stream()
                .filter(p -> p.spec().node().equals(n.spec().name())).count()).sum()).isEqualTo(25);
    }

    @Test
    void refusesANegativeTick() {
        assertThatThrownBy(() -> ClusterPlan.generate(1).readings(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tick");
    }
}
