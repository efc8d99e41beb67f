package dev.vigil.demo.cluster;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterMetricsTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00.123456789Z");
    private static final long AT_NANOS = 1_772_366_400_123_456_789L;

    @Test
    void nodeMetricsCarryTheKubeletstatsAndK8sClusterNamesAndTheNodeName() {
        ClusterPlan plan = ClusterPlan.generate(42);
        ClusterReadings readings = plan.readings(1);
        List<MetricData> metrics = ClusterMetrics.of(readings, AT);

        NodeReading node = readings.node("vigil-demo-node-2");
        MetricData cpu = find(metrics, "k8s.node.cpu.usage", "k8s.node.name", "vigil-demo-node-2");
        assertThat(cpu.getType()).isEqualTo(MetricDataType.DOUBLE_GAUGE);
        assertThat(cpu.getUnit()).isEqualTo("{cpu}");
        assertThat(cpu.getDoubleGaugeData().getPoints()).singleElement().satisfies(p -> {
            assertThat(p.getValue()).isEqualTo(node.cpuCores());
            assertThat(p.getEpochNanos()).isEqualTo(AT_NANOS);
        });
        assertThat(cpu.getInstrumentationScopeInfo().getName()).endsWith("/receiver/kubeletstatsreceiver");
        assertThat(cpu.getResource().getAttribute(AttributeKey.stringKey("k8s.cluster.name"))).isEqualTo("vigil-demo");

        MetricData memory = find(metrics, "k8s.node.memory.working_set", "k8s.node.name", "vigil-demo-node-2");
        assertThat(memory.getType()).isEqualTo(MetricDataType.LONG_GAUGE);
        assertThat(memory.getLongGaugeData().getPoints()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(node.memoryWorkingSet()));
        assertThat(find(metrics, "k8s.node.allocatable_memory", "k8s.node.name", "vigil-demo-node-2")
                .getLongGaugeData().getPoints()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(32L * 1024 * 1024 * 1024));
        assertThat(find(metrics, "k8s.node.allocatable_cpu", "k8s.node.name", "vigil-demo-node-3")
                .getDoubleGaugeData().getPoints()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(16.0));
    }

    @Test
    void podAndContainerMetricsCarryNamespacePodWorkloadAndLimits() {
        ClusterPlan plan = ClusterPlan.generate(42);
        ClusterReadings readings = plan.readings(0);
        List<MetricData> metrics = ClusterMetrics.of(readings, AT);
        PodSpec ledger = plan.pods().stream().filter(p -> p.name().equals("ledger-1")).findFirst().orElseThrow();

        MetricData podMemory = find(metrics, "k8s.pod.memory.working_set", "k8s.pod.name", "ledger-1");
        assertThat(podMemory.getResource().getAttributes().asMap()).containsEntry(
                AttributeKey.stringKey("k8s.namespace.name"), "payments").containsEntry(
                AttributeKey.stringKey("k8s.statefulset.name"), "ledger").containsEntry(
                AttributeKey.stringKey("k8s.node.name"), ledger.node()).containsEntry(
                AttributeKey.stringKey("k8s.pod.uid"), ledger.uid());
        assertThat(podMemory.getLongGaugeData().getPoints()).singleElement().satisfies(p -> assertThat(p.getValue())
                .isEqualTo(readings.pod("payments", "ledger-1").memoryWorkingSet()));

        MetricData limit = find(metrics, "k8s.container.memory_limit", "k8s.pod.name", "ledger-1");
        assertThat(limit.getResource().getAttribute(AttributeKey.stringKey("k8s.container.name"))).isEqualTo("ledger");
        assertThat(limit.getLongGaugeData().getPoints()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(2L * 1024 * 1024 * 1024));
        assertThat(find(metrics, "k8s.pod.phase", "k8s.pod.name", "ledger-1").getLongGaugeData().getPoints())
                .singleElement().satisfies(p -> assertThat(p.getValue()).isEqualTo(2));
    }

    @Test
    void sendsNoLimitForAContainerWithoutOne() {
        ClusterPlan plan = ClusterPlan.generate(42);
        List<MetricData> metrics = ClusterMetrics.of(plan.readings(0), AT);
        List<String> proxyPods = plan.pods().stream().filter(p -> p.workload().equals("kube-proxy"))
                .map(PodSpec::name).toList();

        assertThat(metrics).filteredOn(m -> proxyPods.contains(
                        m.getResource().getAttribute(AttributeKey.stringKey("k8s.pod.name"))))
                .extracting(MetricData::getName)
                .doesNotContain("k8s.container.cpu_limit", "k8s.container.memory_limit", "k8s.container.memory_request")
                .contains("k8s.container.cpu_request", "k8s.pod.cpu.usage");
        // 3 nodes × 5, 25 pods × 3, 25 containers × 5 always, plus the limits and requests that are set.
        long limitsAndRequests = plan.pods().stream().mapToLong(p -> (p.cpuLimit() > 0 ? 1 : 0)
                + (p.memoryLimit() > 0 ? 1 : 0) + (p.memoryRequest() > 0 ? 1 : 0)).sum();
        assertThat(metrics).hasSize((int) (15 + 75 + 125 + limitsAndRequests));
    }

    private static MetricData find(List<MetricData> metrics, String name, String attribute, String value) {
        return metrics.stream()
                .filter(m -> m.getName().equals(name)
                        && value.equals(m.getResource().getAttribute(AttributeKey.stringKey(attribute))))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " for " + attribute + "=" + value));
    }
}
