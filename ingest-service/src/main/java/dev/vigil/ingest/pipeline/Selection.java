package dev.vigil.ingest.pipeline;

import java.util.List;
import java.util.Set;

/**
 * An {@code include} or {@code exclude} block. It matches an item when every criterion it names
 * matches; a list of names matches when any of them does, a list of conditions when all hold.
 *
 * @param namespaces values of {@code k8s.namespace.name}
 * @param workloads values of any of the workload name attributes ({@link #WORKLOAD_KEYS})
 * @param services values of {@code service.name}
 * @param resourceAttributes conditions on the resource's attributes
 * @param attributes conditions on the item's own attributes
 */
record Selection(Set<String> namespaces, Set<String> workloads, Set<String> services,
        List<AttributeCondition> resourceAttributes, List<AttributeCondition> attributes) {
    static final String NAMESPACE_KEY = "k8s.namespace.name";
    static final String SERVICE_KEY = "service.name";
    static final List<String> WORKLOAD_KEYS = List.of("k8s.deployment.name", "k8s.statefulset.name",
            "k8s.daemonset.name", "k8s.job.name", "k8s.cronjob.name");
    static final Selection EVERYTHING = new Selection(Set.of(), Set.of(), Set.of(), List.of(), List.of());

    Selection {
        namespaces = Set.copyOf(namespaces);
        workloads = Set.copyOf(workloads);
        services = Set.copyOf(services);
        resourceAttributes = List.copyOf(resourceAttributes);
        attributes = List.copyOf(attributes);
    }

    boolean isEmpty() {
        return namespaces.isEmpty() && workloads.isEmpty() && services.isEmpty() && resourceAttributes.isEmpty()
                && attributes.isEmpty();
    }
}
