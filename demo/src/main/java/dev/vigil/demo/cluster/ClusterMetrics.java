package dev.vigil.demo.cluster;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one tick's readings into the metrics the OpenTelemetry Collector would send for such a cluster:
 * usage from the {@code kubeletstats} receiver (with {@code k8s.node.cpu.usage} and {@code k8s.pod.cpu.usage}
 * enabled, and the workload names the {@code k8sattributes} processor adds), specs and states from the
 * {@code k8s_cluster} receiver (with {@code allocatable_types_to_report: [cpu, memory]}).
 */
final class ClusterMetrics {

    static final String CLUSTER_NAME = "vigil-demo";
    private static final InstrumentationScopeInfo KUBELETSTATS = InstrumentationScopeInfo.builder(
            "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/kubeletstatsreceiver").build();
    private static final InstrumentationScopeInfo K8S_CLUSTER = InstrumentationScopeInfo.builder(
            "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/k8sclusterreceiver").build();
    /** {@code k8s.pod.phase}: 2 is Running. */
    private static final long RUNNING = 2;

    private ClusterMetrics() {
    }

    static List<MetricData> of(ClusterReadings readings, Instant at) {
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        List<MetricData> metrics = new ArrayList<>();
        for (NodeReading node : readings.nodes()) {
            NodeSpec spec = node.spec();
            Resource resource = resource(Attributes.builder()
                    .put("k8s.node.name", spec.name())
                    .put("k8s.node.uid", spec.uid()));
            metrics.add(Gauge.ofDouble(resource, KUBELETSTATS, "k8s.node.cpu.usage", "{cpu}", node.cpuCores(), nanos));
            metrics.add(Gauge.ofLong(resource, KUBELETSTATS, "k8s.node.memory.working_set", "By",
                    node.memoryWorkingSet(), nanos));
            metrics.add(Gauge.ofDouble(resource, K8S_CLUSTER, "k8s.node.allocatable_cpu", "{cpu}",
                    spec.allocatableCpu(), nanos));
            metrics.add(Gauge.ofLong(resource, K8S_CLUSTER, "k8s.node.allocatable_memory", "By",
                    spec.allocatableMemory(), nanos));
            metrics.add(Gauge.ofLong(resource, K8S_CLUSTER, "k8s.node.condition_ready", "", 1, nanos));
        }
        for (PodReading pod : readings.pods()) {
            PodSpec spec = pod.spec();
            Resource podResource = resource(podAttributes(spec));
            metrics.add(Gauge.ofDouble(podResource, KUBELETSTATS, "k8s.pod.cpu.usage", "{cpu}", pod.cpuCores(), nanos));
            metrics.add(Gauge.ofLong(podResource, KUBELETSTATS, "k8s.pod.memory.working_set", "By",
                    pod.memoryWorkingSet(), nanos));
            metrics.add(Gauge.ofLong(podResource, K8S_CLUSTER, "k8s.pod.phase", "", RUNNING, nanos));

            Resource container = resource(podAttributes(spec).put("k8s.container.name", spec.container()));
            // One container per pod: the container uses what the pod uses.
            metrics.add(Gauge.ofDouble(container, KUBELETSTATS, "container.cpu.usage", "{cpu}", pod.cpuCores(), nanos));
            metrics.add(Gauge.ofLong(container, KUBELETSTATS, "container.memory.working_set", "By",
                    pod.memoryWorkingSet(), nanos));
            metrics.add(Gauge.ofDouble(container, K8S_CLUSTER, "k8s.container.cpu_request", "{cpu}", spec.cpuRequest(),
                    nanos));
            // The receiver reports a limit or request only when the container spec sets one.
            if (spec.cpuLimit() > 0) {
                metrics.add(Gauge.ofDouble(container, K8S_CLUSTER, "k8s.container.cpu_limit", "{cpu}", spec.cpuLimit(),
                        nanos));
            }
            if (spec.memoryRequest() > 0) {
                metrics.add(Gauge.ofLong(container, K8S_CLUSTER, "k8s.container.memory_request", "By",
                        spec.memoryRequest(), nanos));
            }
            if (spec.memoryLimit() > 0) {
                metrics.add(Gauge.ofLong(container, K8S_CLUSTER, "k8s.container.memory_limit", "By",
                        spec.memoryLimit(), nanos));
            }
            metrics.add(Gauge.ofLong(container, K8S_CLUSTER, "k8s.container.restarts", "{restart}", spec.restarts(),
                    nanos));
            metrics.add(Gauge.ofLong(container, K8S_CLUSTER, "k8s.container.ready", "", 1, nanos));
        }
        return metrics;
    }

    private static AttributesBuilder podAttributes(PodSpec spec) {
        return Attributes.builder()
                .put("k8s.node.name", spec.node())
                .put("k8s.namespace.name", spec.namespace())
                .put("k8s.pod.name", spec.name())
                .put("k8s.pod.uid", spec.uid())
                .put("k8s." + spec.workloadKind() + ".name", spec.workload());
    }

    private static Resource resource(AttributesBuilder attributes) {
        return Resource.create(attributes.put("k8s.cluster.name", CLUSTER_NAME).build());
    }
}
