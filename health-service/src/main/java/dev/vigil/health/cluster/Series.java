package dev.vigil.health.cluster;

/**
 * One metric of one resource. Empty strings where the resource lacks the attribute: a node's series has no
 * namespace, pod or container; a pod's has no container.
 */
record Series(String metric, String node, String namespace, String pod, String container) {
}
