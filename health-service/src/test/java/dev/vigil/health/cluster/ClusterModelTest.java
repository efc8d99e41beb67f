package dev.vigil.health.cluster;

import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.Thresholds;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterModelTest {

    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:30Z");
    private static final long AT = NOW.getEpochSecond() * 1_000_000_000L;
    private static final long MINUTE = Instant.parse("2026-03-01T12:00:00Z").getEpochSecond();

    private final ClusterModel model = new ClusterModel(new Thresholds(0.8, 0.95), new Thresholds(0.8, 0.9));
    private final List<LatestSample> latest = new ArrayList<>();
    private final List<MinuteSample> minutes = new ArrayList<>();

    @Test
    void nodeUsageIsJudgedAgainstAllocatable() {
        node("n1", 6.0, 10 * GIB, 8.0, 32 * GIB);
        node("n2", 7.7, 30 * GIB, 8.0, 32 * GIB);

        ClusterSnapshot snapshot = build();

        NodeHealth n1 = snapshot.nodes().getFirst();
        assertThat(n1.name()).isEqualTo("n1");
        assertThat(n1.cpu().used()).isEqualTo(6.0);
        assertThat(n1.cpu().allocatable()).isEqualTo(8.0);
        assertThat(n1.cpu().utilization()).isEqualTo(0.75);
        assertThat(n1.memory().utilization()).isEqualTo(10.0 / 32);
        assertThat(n1.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(n1.reasons()).isEmpty();
        assertThat(n1.ready()).isTrue();
        assertThat(n1.lastSeen()).isEqualTo(NOW);

        NodeHealth n2 = snapshot.nodes().get(1);
        assertThat(n2.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(n2.reasons()).containsExactly("CPU at 96.3 % of allocatable", "memory at 93.8 % of allocatable");

        assertThat(snapshot.report().cpu().used()).isEqualTo(13.7);
        assertThat(snapshot.report().cpu().allocatable()).isEqualTo(16.0);
        assertThat(snapshot.report().memory().used()).isEqualTo(40.0 * GIB);
        assertThat(snapshot.report().status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(snapshot.report().nodeStatuses()).containsExactly(Map.entry(HealthStatus.HEALTHY, 1),
                Map.entry(HealthStatus.WARNING, 0), Map.entry(HealthStatus.CRITICAL, 1));
    }

    @Test
    void aNodeThatIsNotReadyIsCritical() {
        node("n1", 1.0, GIB, 8.0, 32 * GIB);
        latest.removeIf(s -> s.series().metric().equals(K8sMetrics.NODE_CONDITION_READY));
        sample(K8sMetrics.NODE_CONDITION_READY, "n1", "", "", "", 0);

        NodeHealth node = build().nodes().getFirst();

        assertThat(node.ready()).isFalse();
        assertThat(node.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(node.reasons()).containsExactly("not Ready");
    }

    @Test
    void podUsageIsJudgedAgainstTheSumOfItsContainersLimits() {
        pod("shop", "cart-1", "n1", "deployment", "cart", 0.2, 460 * MIB);
        container("shop", "cart-1", "n1", "app", 0.5, 1.0, 256 * MIB, 384 * MIB);
        container("shop", "cart-1", "n1", "sidecar", 0.1, 0.25, 64 * MIB, 128 * MIB);

        PodHealth pod = build().pods().getFirst();

        assertThat(pod.workloadKind()).isEqualTo("deployment");
        assertThat(pod.workload()).isEqualTo("cart");
        assertThat(pod.node()).isEqualTo("n1");
        assertThat(pod.phase()).isEqualTo("Running");
        assertThat(pod.cpu().used()).isEqualTo(0.2);
        assertThat(pod.cpu().request()).isEqualTo(0.6);
        assertThat(pod.cpu().limit()).isEqualTo(1.25);
        assertThat(pod.cpu().utilization()).isEqualTo(0.2 / 1.25);
        assertThat(pod.memory().limit()).isEqualTo(512.0 * MIB);
        assertThat(pod.memory().utilization()).isEqualTo(460.0 / 512);
        assertThat(pod.status()).isEqualTo(HealthStatus.WARNING);
        assertThat(pod.reasons()).containsExactly("memory at 89.8 % of its limit");
        assertThat(pod.restarts()).isEqualTo(2);
    }

    @Test
    void aPodWithOneContainerWithoutALimitHasNoLimitAndNoUtilization() {
        pod("shop", "cart-1", "n1", "deployment", "cart", 0.2, 500 * MIB);
        container("shop", "cart-1", "n1", "app", 0.5, 1.0, 256 * MIB, 384 * MIB);
        containerWithoutLimits("shop", "cart-1", "n1", "sidecar");

        PodHealth pod = build().pods().getFirst();

        assertThat(pod.memory().limit()).isNull();
        assertThat(pod.memory().utilization()).isNull();
        assertThat(pod.memory().request()).isEqualTo(256.0 * MIB);
        assertThat(pod.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void podUsageFallsBackToTheSumOfItsContainers() {
        container("shop", "cart-1", "n1", "app", 0.5, 1.0, 256 * MIB, 512 * MIB);
        container("shop", "cart-1", "n1", "sidecar", 0.1, 0.5, 64 * MIB, 128 * MIB);
        sample(K8sMetrics.CONTAINER_CPU_USAGE, "n1", "shop", "cart-1", "app", 0.3);
        sample(K8sMetrics.CONTAINER_CPU_USAGE, "n1", "shop", "cart-1", "sidecar", 0.05);
        sample(K8sMetrics.CONTAINER_MEMORY_WORKING_SET, "n1", "shop", "cart-1", "app", 300 * MIB);
        sample(K8sMetrics.CONTAINER_MEMORY_WORKING_SET, "n1", "shop", "cart-1", "sidecar", 40 * MIB);
        minute(K8sMetrics.CONTAINER_MEMORY_WORKING_SET, "shop", "cart-1", "app", MINUTE - 60, 200 * MIB, 1);
        minute(K8sMetrics.CONTAINER_MEMORY_WORKING_SET, "shop", "cart-1", "app", MINUTE, 300 * MIB, 1);
        minute(K8sMetrics.CONTAINER_MEMORY_WORKING_SET, "shop", "cart-1", "sidecar", MINUTE, 40 * MIB, 1);

        PodHealth pod = build().pods().getFirst();

        assertThat(pod.cpu().used()).isEqualTo(0.35);
        assertThat(pod.memory().used()).isEqualTo(340.0 * MIB);
        assertThat(pod.memory().hourPeak()).isEqualTo(340.0 * MIB);
        assertThat(pod.memory().hourAverage()).isEqualTo(270.0 * MIB);
        assertThat(pod.history()).extracting(HistoryPoint::memory).containsExactly(200.0 * MIB, 340.0 * MIB);
        assertThat(pod.workloadKind()).isEmpty();
        assertThat(pod.workload()).isEqualTo("cart-1");
    }

    @Test
    void hourAverageAndPeakComeFromTheRawSamples() {
        pod("shop", "cart-1", "n1", "deployment", "cart", 0.2, 300 * MIB);
        // Two samples in the first minute (0.1 and 0.3), one in the second (0.2).
        minute(K8sMetrics.POD_CPU_USAGE, "shop", "cart-1", "", MINUTE - 60, 0.4, 2, 0.3);
        minute(K8sMetrics.POD_CPU_USAGE, "shop", "cart-1", "", MINUTE, 0.2, 1, 0.2);

        PodHealth pod = build().pods().getFirst();

        assertThat(pod.cpu().hourAverage()).isEqualTo((0.4 + 0.2) / 3);
        assertThat(pod.cpu().hourPeak()).isEqualTo(0.3);
        assertThat(pod.history()).containsExactly(
                new HistoryPoint(Instant.ofEpochSecond(MINUTE - 60), 0.2, null),
                new HistoryPoint(Instant.ofEpochSecond(MINUTE), 0.2, null));
    }

    @Test
    void phasesDecideStatusesBeyondTheThresholds() {
        pod("batch", "job-a", "n1", "job", "nightly", 0.01, MIB);
        phase("batch", "job-a", 4);
        pod("batch", "job-b", "n1", "job", "nightly", 0.01, MIB);
        phase("batch", "job-b", 1);
        pod("batch", "job-c", "n1", "job", "nightly", 0.01, MIB);
        phase("batch", "job-c", 3);

        ClusterSnapshot snapshot = build();

        assertThat(snapshot.pods()).extracting(PodHealth::name, PodHealth::phase, PodHealth::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("job-a", "Failed", HealthStatus.CRITICAL),
                org.assertj.core.groups.Tuple.tuple("job-b", "Pending", HealthStatus.WARNING),
                org.assertj.core.groups.Tuple.tuple("job-c", "Succeeded", HealthStatus.HEALTHY));
        WorkloadHealth nightly = snapshot.report().workloads().getFirst();
        assertThat(nightly.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(nightly.pods()).isEqualTo(3);
        assertThat(nightly.reasons()).containsExactly("job-a: phase Failed", "job-b: phase Pending");
    }

    @Test
    void workloadsAndNamespacesSumTheirPods() {
        pod("shop", "cart-1", "n1", "deployment", "cart", 0.25, 100 * MIB);
        container("shop", "cart-1", "n1", "cart", 0.1, 0.5, 128 * MIB, 256 * MIB);
        pod("shop", "cart-2", "n2", "deployment", "cart", 0.375, 200 * MIB);
        container("shop", "cart-2", "n2", "cart", 0.1, 0.5, 128 * MIB, 256 * MIB);
        pod("shop", "web-1", "n1", "deployment", "web", 0.125, 50 * MIB);
        containerWithoutLimits("shop", "web-1", "n1", "web");
        pod("db", "pg-0", "n2", "statefulset", "pg", 1.0, GIB);
        minute(K8sMetrics.POD_CPU_USAGE, "shop", "cart-1", "", MINUTE, 0.25, 1, 0.25);
        minute(K8sMetrics.POD_CPU_USAGE, "shop", "cart-2", "", MINUTE, 0.375, 1, 0.375);
        minute(K8sMetrics.POD_CPU_USAGE, "shop", "cart-1", "", MINUTE - 60, 0.125, 1, 0.125);

        ClusterReport report = build().report();

        assertThat(report.workloads()).extracting(WorkloadHealth::namespace, WorkloadHealth::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db", "pg"),
                        org.assertj.core.groups.Tuple.tuple("shop", "cart"),
                        org.assertj.core.groups.Tuple.tuple("shop", "web"));
        WorkloadHealth cart = report.workloads().get(1);
        assertThat(cart.kind()).isEqualTo("deployment");
        assertThat(cart.pods()).isEqualTo(2);
        assertThat(cart.cpu().used()).isEqualTo(0.625);
        assertThat(cart.cpu().limit()).isEqualTo(1.0);
        assertThat(cart.cpu().utilization()).isEqualTo(0.625);
        assertThat(cart.memory().used()).isEqualTo(300.0 * MIB);
        assertThat(cart.memory().request()).isEqualTo(256.0 * MIB);
        // Per-minute sums: 0.125 in the first minute, 0.625 in the second.
        assertThat(cart.cpu().hourAverage()).isEqualTo(0.375);
        assertThat(cart.cpu().hourPeak()).isEqualTo(0.625);

        NamespaceHealth shop = report.namespaces().get(1);
        assertThat(shop.name()).isEqualTo("shop");
        assertThat(shop.pods()).isEqualTo(3);
        assertThat(shop.workloads()).isEqualTo(2);
        assertThat(shop.cpu().used()).isEqualTo(0.75);
        assertThat(shop.cpu().limit()).as("web has no limit").isNull();
        assertThat(report.pods()).isEqualTo(4);
        assertThat(report.podStatuses()).containsEntry(HealthStatus.HEALTHY, 4);
        assertThat(report.latestSample()).isEqualTo(NOW);
    }

    @Test
    void anEmptyClusterIsHealthyWithNoFigures() {
        ClusterSnapshot snapshot = build();

        assertThat(snapshot.report().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(snapshot.report().nodes()).isZero();
        assertThat(snapshot.report().cpu().used()).isNull();
        assertThat(snapshot.report().latestSample()).isNull();
        assertThat(snapshot.report().computedAt()).isEqualTo(NOW);
    }

    private ClusterSnapshot build() {
        return model.build(new ClusterData(latest, minutes), NOW);
    }

    private void node(String name, double cpu, long memory, double allocatableCpu, long allocatableMemory) {
        sample(K8sMetrics.NODE_CPU_USAGE, name, "", "", "", cpu);
        sample(K8sMetrics.NODE_MEMORY_WORKING_SET, name, "", "", "", memory);
        sample(K8sMetrics.NODE_ALLOCATABLE_CPU, name, "", "", "", allocatableCpu);
        sample(K8sMetrics.NODE_ALLOCATABLE_MEMORY, name, "", "", "", allocatableMemory);
        sample(K8sMetrics.NODE_CONDITION_READY, name, "", "", "", 1);
    }

    private void pod(String namespace, String name, String node, String kind, String workload, double cpu,
            long memory) {
        latest.add(new LatestSample(new Series(K8sMetrics.POD_CPU_USAGE, node, namespace, name, ""), kind, workload,
                cpu, AT));
        latest.add(new LatestSample(new Series(K8sMetrics.POD_MEMORY_WORKING_SET, node, namespace, name, ""), kind,
                workload, memory, AT));
        phase(namespace, name, 2);
    }

    private void phase(String namespace, String pod, int phase) {
        latest.removeIf(s -> s.series().metric().equals(K8sMetrics.POD_PHASE) && s.series().pod().equals(pod));
        sample(K8sMetrics.POD_PHASE, "n1", namespace, pod, "", phase);
    }

    private void container(String namespace, String pod, String node, String container, double cpuRequest,
            double cpuLimit, long memoryRequest, long memoryLimit) {
        sample(K8sMetrics.CONTAINER_CPU_REQUEST, node, namespace, pod, container, cpuRequest);
        sample(K8sMetrics.CONTAINER_CPU_LIMIT, node, namespace, pod, container, cpuLimit);
        sample(K8sMetrics.CONTAINER_MEMORY_REQUEST, node, namespace, pod, container, memoryRequest);
        sample(K8sMetrics.CONTAINER_MEMORY_LIMIT, node, namespace, pod, container, memoryLimit);
        sample(K8sMetrics.CONTAINER_RESTARTS, node, namespace, pod, container, 1);
    }

    private void containerWithoutLimits(String namespace, String pod, String node, String container) {
        sample(K8sMetrics.CONTAINER_RESTARTS, node, namespace, pod, container, 0);
    }

    private void sample(String metric, String node, String namespace, String pod, String container, double value) {
        latest.add(new LatestSample(new Series(metric, node, namespace, pod, container), "", "", value, AT));
    }

    private void minute(String metric, String namespace, String pod, String container, long minute, double total,
            long samples) {
        minute(metric, namespace, pod, container, minute, total, samples, total / samples);
    }

    private void minute(String metric, String namespace, String pod, String container, long minute, double total,
            long samples, double peak) {
        minutes.add(new MinuteSample(new Series(metric, "n1", namespace, pod, container), minute, total, peak,
                samples));
    }
}
