package dev.vigil.system.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomize directory the way {@code kubectl apply -k} would, for the subset of kustomize that
 * deploy/kubernetes uses: {@code resources} (files and directories), {@code namespace}, {@code nameSuffix},
 * {@code labels} (with {@code includeSelectors}) and {@code patches} (strategic merge, lists of named items merged by
 * name). No kustomize binary is available here; a kustomization using anything else is refused, so the rendering
 * cannot silently differ from kustomize's.
 */
final class Kustomization {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KNOWN_KEYS = Set.of("apiVersion", "kind", "resources", "namespace", "nameSuffix",
            "labels", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    private Kustomization() {
    }

    /** Every resource the kustomization in {@code dir} produces, in order. */
    static List<ObjectNode> render(Path dir) {
        JsonNode kustomization = read(dir.resolve("kustomization.yaml")).getFirst();
        kustomization.fieldNames().forEachRemaining(key -> {
            if (!KNOWN_KEYS.contains(key)) {
                throw new IllegalStateException(dir + "/kustomization.yaml uses '" + key + "', which this test's"
                        + " renderer does not implement");
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else {
                if (!path.startsWith(dir)) {
                    throw new IllegalStateException(dir + ": kustomize refuses the file " + path + " outside its folder");
                }
                read(path).forEach(r -> resources.add((ObjectNode) r));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            List<JsonNode> bodies = read(dir.resolve(patch.path("path").asText()));
            if (bodies.size() > 1 && patch.has("target")) {
                // kustomize's own rule: several strategic-merge patches in one entry cannot share a target.
                throw new IllegalStateException(dir + ": a patch file with several documents cannot set target");
            }
            for (JsonNode body : bodies) {
                String kind = patch.at("/target/kind").asText(body.path("kind").asText());
                String name = patch.at("/target/name").asText(body.at("/metadata/name").asText());
                List<ObjectNode> targets = resources.stream().filter(r -> r.path("kind").asText().equals(kind)
                        && r.at("/metadata/name").asText().equals(name)).toList();
                if (targets.size() != 1) {
                    throw new IllegalStateException(dir + ": the patch of " + kind + " " + name + " matches "
                            + targets.size() + " resources");
                }
                ObjectNode patchBody = (ObjectNode) body.deepCopy();
                ((ObjectNode) patchBody.path("metadata")).remove(List.of("name", "namespace"));
                merge(targets.getFirst(), patchBody);
            }
        }
        String suffix = kustomization.path("nameSuffix").asText("");
        for (ObjectNode resource : resources) {
            if (!suffix.isEmpty() && !resource.path("kind").asText().equals("Namespace")) {
                ObjectNode metadata = (ObjectNode) resource.path("metadata");
                metadata.put("name", metadata.path("name").asText() + suffix);
            }
            for (JsonNode label : kustomization.path("labels")) {
                label.path("pairs").properties().forEach(pair -> addLabel(resource, pair.getKey(), pair.getValue().asText(),
                        label.path("includeSelectors").asBoolean(false)));
            }
            if (kustomization.has("namespace") && !CLUSTER_SCOPED.contains(resource.path("kind").asText())) {
                ((ObjectNode) resource.path("metadata")).put("namespace", kustomization.path("namespace").asText());
            }
        }
        return resources;
    }

    /** The YAML documents of one file. */
    static List<JsonNode> read(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void addLabel(ObjectNode resource, String key, String value, boolean selectors) {
        resource.withObject("/metadata/labels").put(key, value);
        if (!selectors) {
            return;
        }
        String kind = resource.path("kind").asText();
        if (WORKLOADS.contains(kind)) {
            resource.withObject("/spec/selector/matchLabels").put(key, value);
            resource.withObject("/spec/template/metadata/labels").put(key, value);
        } else if (kind.equals("Service")) {
            resource.withObject("/spec/selector").put(key, value);
        }
    }

    /** Strategic merge: objects field by field; lists of objects with a name merged by name; other lists replaced. */
    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode existing = target.get(field.getKey());
            JsonNode value = field.getValue();
            if (existing instanceof ObjectNode existingObject && value instanceof ObjectNode valueObject) {
                merge(existingObject, valueObject);
            } else if (existing instanceof ArrayNode existingList && value instanceof ArrayNode valueList
                    && isNamedList(existingList) && isNamedList(valueList)) {
                for (JsonNode item : valueList) {
                    ObjectNode match = null;
                    for (JsonNode candidate : existingList) {
                        if (candidate.path("name").equals(item.path("name"))) {
                            match = (ObjectNode) candidate;
                        }
                    }
                    if (match == null) {
                        existingList.add(item.deepCopy());
                    } else {
                        merge(match, (ObjectNode) item);
                    }
                }
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    private static boolean isNamedList(ArrayNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return true;
    }
}
