package dev.vigil.health.cluster;

/**
 * The newest value of one series.
 *
 * @param workloadKind {@code deployment}, {@code statefulset}, {@code daemonset}, {@code job}, {@code cronjob},
 *                     {@code replicaset}, or empty when the resource names no workload
 * @param atNanos      when it was measured, Unix epoch nanoseconds
 */
record LatestSample(Series series, String workloadKind, String workload, double value, long atNanos) {
}
