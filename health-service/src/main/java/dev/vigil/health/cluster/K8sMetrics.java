package dev.vigil.health.cluster;

import java.util.List;

/**
 * The metric names the model reads, as the OpenTelemetry Collector's {@code kubeletstats} receiver (usage) and
 * {@code k8s_cluster} receiver (specs and states) emit them. All are gauges.
 */
final class K8sMetrics {

    // kubeletstats; k8s.node.cpu.usage and k8s.pod.cpu.usage must be enabled in the receiver's config.
    static final String NODE_CPU_USAGE = "k8s.node.cpu.usage";
    /** The older name of {@link #NODE_CPU_USAGE}, also in cores; read when a collector still sends it. */
    static final String NODE_CPU_UTILIZATION = "k8s.node.cpu.utilization";
    static final String NODE_MEMORY_WORKING_SET = "k8s.node.memory.working_set";
    static final String POD_CPU_USAGE = "k8s.pod.cpu.usage";
    static final String POD_MEMORY_WORKING_SET = "k8s.pod.memory.working_set";
    static final String CONTAINER_CPU_USAGE = "container.cpu.usage";
    static final String CONTAINER_MEMORY_WORKING_SET = "container.memory.working_set";

    // k8s_cluster; the allocatable metrics need allocatable_types_to_report: [cpu, memory].
    static final String NODE_ALLOCATABLE_CPU = "k8s.node.allocatable_cpu";
    static final String NODE_ALLOCATABLE_MEMORY = "k8s.node.allocatable_memory";
    static final String NODE_CONDITION_READY = "k8s.node.condition_ready";
    static final String POD_PHASE = "k8s.pod.phase";
    static final String CONTAINER_CPU_REQUEST = "k8s.container.cpu_request";
    static final String CONTAINER_CPU_LIMIT = "k8s.container.cpu_limit";
    static final String CONTAINER_MEMORY_REQUEST = "k8s.container.memory_request";
    static final String CONTAINER_MEMORY_LIMIT = "k8s.container.memory_limit";
    static final String CONTAINER_RESTARTS = "k8s.container.restarts";

    /** Everything the latest-value query reads. */
    static final List<String> LATEST = List.of(NODE_CPU_USAGE, NODE_CPU_UTILIZATION, NODE_MEMORY_WORKING_SET,
            POD_CPU_USAGE, POD_MEMORY_WORKING_SET, CONTAINER_CPU_USAGE, CONTAINER_MEMORY_WORKING_SET,
            NODE_ALLOCATABLE_CPU, NODE_ALLOCATABLE_MEMORY, NODE_CONDITION_READY, POD_PHASE, CONTAINER_CPU_REQUEST,
            CONTAINER_CPU_LIMIT, CONTAINER_MEMORY_REQUEST, CONTAINER_MEMORY_LIMIT, CONTAINER_RESTARTS);

    /** The usage metrics the per-minute history reads. */
    static final List<String> USAGE = List.of(NODE_CPU_USAGE, NODE_CPU_UTILIZATION, NODE_MEMORY_WORKING_SET,
            POD_CPU_USAGE, POD_MEMORY_WORKING_SET, CONTAINER_CPU_USAGE, CONTAINER_MEMORY_WORKING_SET);

    private K8sMetrics() {
    }

    static boolean isNodeMetric(String metric) {
        return metric.startsWith("k8s.node.");
    }
}
