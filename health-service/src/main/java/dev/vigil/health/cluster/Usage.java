package dev.vigil.health.cluster;

/**
 * CPU (in cores) or memory (working set, in bytes) of a node, pod or group of pods. Any figure is {@code null}
 * when the metrics to compute it did not arrive.
 *
 * @param used        the latest value
 * @param hourAverage the average over the history window ({@code vigil.health.cluster.history}, an hour by default)
 * @param hourPeak    the highest value within that window; for a group, the highest per-minute sum
 * @param request     what the pods requested (summed over containers and pods)
 * @param limit       the pods' limit; for a group, only when every pod in it has one
 * @param allocatable for a node, or for the cluster, what it can give to pods
 * @param utilization {@code used} against {@code limit} (pods and groups of pods) or {@code allocatable} (nodes, cluster)
 */
public record Usage(Double used, Double hourAverage, Double hourPeak, Double request, Double limit, Double allocatable,
        Double utilization) {
}
