/**
 * A simulated Kubernetes cluster that sends its resource metrics over OTLP with the names and resource
 * attributes of the OpenTelemetry Collector's {@code kubeletstats} and {@code k8s_cluster} receivers.
 */
package dev.vigil.demo.cluster;
