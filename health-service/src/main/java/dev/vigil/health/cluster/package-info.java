/**
 * Live cluster health: the resource metrics the OpenTelemetry Collector's Kubernetes receivers send, read from
 * ClickHouse and summed up per node, namespace, workload and pod, with a status from configurable thresholds.
 */
package dev.vigil.health.cluster;
