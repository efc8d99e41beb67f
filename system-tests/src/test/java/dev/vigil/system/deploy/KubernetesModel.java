package dev.vigil.system.deploy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A manifest read into fabric8's Kubernetes model classes, strictly: fabric8 keeps a field it does not know in an
 * object's {@code additionalProperties} instead of failing, so every such map in the whole tree must be empty — a
 * misspelt or misplaced field fails here as {@code kubectl apply --validate=strict} would.
 */
final class KubernetesModel {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Resources of operators installed in the cluster; fabric8 has no model for them, so their spec is not checked. */
    static final Set<String> OPERATOR_KINDS = Set.of("kafka.strimzi.io/v1beta2 Kafka",
            "kafka.strimzi.io/v1beta2 KafkaNodePool", "clickhouse.altinity.com/v1 ClickHouseInstallation",
            "clickhouse-keeper.altinity.com/v1 ClickHouseKeeperInstallation", "postgresql.cnpg.io/v1 Cluster");

    private KubernetesModel() {
    }

    /** The resource as a model object; throws naming every field the model does not have. */
    static HasMetadata parse(JsonNode document, String origin) {
        KubernetesResource resource;
        try {
            resource = SERIALIZATION.convertValue(document, KubernetesResource.class);
        } catch (RuntimeException e) {
            throw new AssertionError(origin + ": not a valid " + document.path("kind").asText() + ": " + e.getMessage(), e);
        }
        if (!(resource instanceof HasMetadata withMetadata)) {
            throw new AssertionError(origin + ": " + document.path("kind").asText() + " is not a Kubernetes object");
        }
        String kind = withMetadata.getApiVersion() + " " + withMetadata.getKind();
        if (resource instanceof GenericKubernetesResource generic) {
            if (!OPERATOR_KINDS.contains(kind)) {
                throw new AssertionError(origin + ": " + kind + " is not in fabric8's Kubernetes model");
            }
            // Only the metadata of an operator's resource has a model.
            List<String> unknown = unknownFields(generic.getMetadata(), kind + " metadata");
            if (!unknown.isEmpty()) {
                throw new AssertionError(origin + ": fields the Kubernetes model does not have: " + unknown);
            }
            return generic;
        }
        List<String> unknown = unknownFields(resource, kind);
        if (!unknown.isEmpty()) {
            throw new AssertionError(origin + ": fields the Kubernetes model does not have: " + unknown);
        }
        return withMetadata;
    }

    static List<String> unknownFields(Object model, String path) {
        List<String> unknown = new ArrayList<>();
        walk(model, path, unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            // getAdditionalProperties is itself marked @JsonIgnore (it is Jackson's any-getter): it is checked, never
            // skipped; other ignored getters are derived values, not fields.
            boolean additional = getter.getName().equals("getAdditionalProperties");
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class
                    || (!additional && getter.isAnnotationPresent(JsonIgnore.class))) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (additional) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                walk(field, path + "." + Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4),
                        unknown, seen);
            }
        }
    }
}
