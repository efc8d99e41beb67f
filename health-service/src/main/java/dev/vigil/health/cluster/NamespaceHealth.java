package dev.vigil.health.cluster;

import dev.vigil.health.status.HealthStatus;

/** The pods of one namespace summed up; its status is its worst pod's. */
public record NamespaceHealth(String name, HealthStatus status, int pods, int workloads, Usage cpu, Usage memory) {
}
