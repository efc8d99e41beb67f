package dev.vigil.demo.cluster;

/**
 * One pod of the simulated cluster, with its single container named after its workload.
 *
 * @param workloadKind  {@code deployment}, {@code statefulset} or {@code daemonset}: the resource attribute
 *                      {@code k8s.<kind>.name} the Collector's {@code k8sattributes} processor adds
 * @param baseCpu       the cores the pod uses on average
 * @param baseMemory    the working set, in bytes, the pod holds on average
 * @param creeping      whether the pod's memory grows every tick towards its limit, as a leak would
 */
public record PodSpec(
        String namespace,
        String name,
        String uid,
        String node,
        String workloadKind,
        String workload,
        double cpuRequest,
        double cpuLimit,
        long memoryRequest,
        long memoryLimit,
        double baseCpu,
        long baseMemory,
        int restarts,
        boolean creeping) {

    /** The pod's single container. */
    public String container() {
        return workload;
    }
}
