package dev.vigil.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.TestCredentials;
import dev.vigil.devstack.testing.SharedDevStack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes without a cluster: the manifests quarkus-kubernetes generated at package time are the ones
 * committed, every manifest and both overlays' output parse strictly against fabric8's Kubernetes model, and the
 * packaged services, started with exactly the environment (ConfigMap, Secrets, env), arguments, memory limits and
 * ports of the single-node overlay's Deployments, answer their startup, readiness and liveness probes on the declared
 * paths and ports and store a trace sent to the receive Deployment. The test maps only server addresses (Service
 * names to devstack's servers and the other processes, PostgreSQL's account to devstack's) and ports (free ones).
 */
class KubernetesManifestsTest {
    private static final List<String> SERVICES = List.of("ingest-service", "query-service", "alert-service", "health-service");
    private static Path root;
    private static Path kubernetes;

    @BeforeAll
    static void locate() {
        root = Path.of(System.getProperty("vigil.root"));
        kubernetes = root.resolve("deploy/kubernetes");
    }

    @Test
    void committedManifestsAreWhatQuarkusKubernetesGeneratesAtPackageTime() {
        for (String service : SERVICES) {
            Path generated = root.resolve(service).resolve("target/kubernetes/kubernetes.yml");
            assertThat(generated).as("package " + service + " first").exists();
            // quarkus-kubernetes writes labels, ports and env entries in no fixed order from one build to the next:
            // the manifests are compared as Kubernetes reads them, named list items by name.
            assertThat(canonical(Kustomization.read(kubernetes.resolve("base/services/generated").resolve(service)
                    .resolve("kubernetes.yml"))))
                    .as(service + ": run ./vigil manifests to copy the generated manifest into deploy/kubernetes")
                    .isEqualTo(canonical(Kustomization.read(generated)));
        }
    }

    @Test
    void imagesRunTheHeapAndJvmOptionsOfVigilUpAtTheManifestsMemoryLimit() {
        for (String service : SERVICES) {
            JsonNode deployment = Kustomization.read(kubernetes.resolve("base/services/generated").resolve(service)
                    .resolve("kubernetes.yml")).stream().filter(d -> d.path("kind").asText().equals("Deployment"))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " has no Deployment"));
            long limit = LocalContainer.bytes(deployment.at("/spec/template/spec/containers/0/resources/limits/memory")
                    .asText());
            List<String> command = ImageEntrypoint.of(root.resolve(service), "src/main/docker/Dockerfile.jvm").command();
            String percentage = command.stream().filter(a -> a.startsWith("-XX:MaxRAMPercentage="))
                    .map(a -> a.substring(a.indexOf('=') + 1)).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": the image sizes no heap by its memory limit"));
            // The JVM takes the percentage of the limit the container sees (rounded down to its heap alignment).
            assertThat(limit * Long.parseLong(percentage) / 100)
                    .as(service + ": the image's heap at the manifest's memory limit, and deploy/heap.properties")
                    .isEqualTo(LocalContainer.bytes(PackagedService.shippedHeap(service)));
            assertThat(command).as(service + ": the image runs the options of deploy/jvm-options.properties")
                    .containsAll(PackagedService.shippedJvmOptions(service));
        }
    }

    /** The documents ordered by kind and name, every list of named items ordered by name. */
    private static List<JsonNode> canonical(List<JsonNode> documents) {
        List<JsonNode> sorted = new ArrayList<>();
        documents.forEach(d -> sorted.add(sortNamedLists(d.deepCopy())));
        sorted.sort(Comparator.comparing(d -> d.path("kind").asText() + "/" + d.at("/metadata/name").asText()));
        return sorted;
    }

    private static JsonNode sortNamedLists(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> object.set(field.getKey(), sortNamedLists(field.getValue())));
        } else if (node instanceof ArrayNode list) {
            List<JsonNode> items = new ArrayList<>();
            list.forEach(item -> items.add(sortNamedLists(item)));
            if (items.stream().allMatch(i -> i.has("name"))) {
                items.sort(Comparator.comparing(i -> i.path("name").asText()));
            }
            list.removeAll();
            list.addAll(items);
        }
        return node;
    }

    @Test
    void everyManifestFileParsesStrictlyAgainstTheKubernetesModel() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(kubernetes), Files.walk(root.resolve("deploy/otel-collector")))) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(15);
        int parsed = 0;
        for (Path file : files) {
            for (JsonNode document : Kustomization.read(file)) {
                KubernetesModel.parse(document, root.relativize(file).toString());
                parsed++;
            }
        }
        assertThat(parsed).isGreaterThan(files.size());
    }

    @Test
    void aMisspeltOrMisplacedFieldFailsTheStrictParse() throws IOException {
        JsonNode valid = Kustomization.YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers: [{name: x, image: vigil/x:1, readinessProbe: {httpGet: {path: /q/health/ready, port: 8080}}}]
                """);
        assertThat(KubernetesModel.parse(valid, "valid").getMetadata().getName()).isEqualTo("x");
        ObjectNode misspelt = valid.deepCopy();
        ((ObjectNode) misspelt.path("spec")).put("replica", 2);
        assertThatThrownBy(() -> KubernetesModel.parse(misspelt, "misspelt"))
                .hasMessageContaining("fields the Kubernetes model does not have").hasMessageContaining("replica");
        ObjectNode misplaced = valid.deepCopy();
        ((ObjectNode) misplaced.at("/spec/template/spec/containers/0/readinessProbe")).put("path", "/q/health/ready");
        assertThatThrownBy(() -> KubernetesModel.parse(misplaced, "misplaced"))
                .hasMessageContaining("readinessProbe").hasMessageContaining("path");
        ObjectNode unknownKind = valid.deepCopy();
        unknownKind.put("kind", "Deploymnet");
        assertThatThrownBy(() -> KubernetesModel.parse(unknownKind, "unknown kind"))
                .hasMessageContaining("not in fabric8's Kubernetes model");
    }

    @Test
    void bothOverlaysRenderToValidResourcesWithProbesResourcesConfigAndSecrets() {
        for (String overlay : List.of("single-node", "production")) {
            List<ObjectNode> resources = Kustomization.render(kubernetes.resolve("overlays").resolve(overlay));
            Map<String, HasMetadata> byName = new HashMap<>();
            for (ObjectNode resource : resources) {
                HasMetadata model = KubernetesModel.parse(resource, overlay);
                String id = model.getKind() + "/" + model.getMetadata().getNamespace() + "/" + model.getMetadata().getName();
                assertThat(byName.put(id, model)).as(overlay + ": one " + id).isNull();
            }
            for (String deployment : List.of("ingest-service", "ingest-service-persist", "query-service", "alert-service",
                    "health-service")) {
                JsonNode d = find(resources, "Deployment", deployment);
                JsonNode container = d.at("/spec/template/spec/containers/0");
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(overlay + " " + deployment + " " + probe)
                            .startsWith("/q/health/");
                }
                assertThat(container.at("/resources/requests/memory").asText()).as(deployment).isNotEmpty();
                assertThat(container.at("/resources/limits/memory").asText()).as(deployment).isNotEmpty();
                assertThat(container.path("envFrom").toString()).contains("\"name\":\"vigil-config\"");
                assertThat(container.path("env").toString()).contains("\"secretKeyRef\":{\"key\":\"password\"");
                assertThat(secretRefs(container)).as(overlay + " " + deployment + " sends its own metrics with the token")
                        .containsEntry("VIGIL_SELF_TELEMETRY_TOKEN", "vigil-ingest/token");
                if (deployment.startsWith("ingest-service")) {
                    assertThat(secretRefs(container)).containsEntry("VIGIL_ACCESS_INGEST_TOKEN_SHA256",
                            "vigil-ingest/token-sha256");
                }
                assertThat(d.at("/spec/template/spec/containers/0/image").asText()).as(deployment)
                        .matches("(docker\\.io/)?vigil/[a-z-]+:.+");
                assertThat(d.at("/metadata/namespace").asText()).isEqualTo("vigil");
            }
            // One image, two Deployments: receive and persist select only their own pods, each with one stage off.
            JsonNode receive = find(resources, "Deployment", "ingest-service");
            JsonNode persist = find(resources, "Deployment", "ingest-service-persist");
            assertThat(receive.at("/spec/template/spec/containers/0/image"))
                    .isEqualTo(persist.at("/spec/template/spec/containers/0/image"));
            assertThat(receive.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("receive");
            assertThat(persist.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("persist");
            assertThat(find(resources, "Service", "ingest-service").at("/spec/selector/app.kubernetes.io~1component")
                    .asText()).isEqualTo("receive");
            assertThat(env(receive)).containsEntry("VIGIL_INGEST_PERSIST_ENABLED", "false")
                    .doesNotContainKey("VIGIL_INGEST_RECEIVE_ENABLED");
            assertThat(env(persist)).containsEntry("VIGIL_INGEST_RECEIVE_ENABLED", "false")
                    .doesNotContainKey("VIGIL_INGEST_PERSIST_ENABLED");
            for (String service : SERVICES) {
                assertThat(byName).as(overlay + ": a ServiceMonitor scrapes " + service)
                        .containsKey("ServiceMonitor/vigil/" + service);
            }
            assertThat(byName).containsKeys("DaemonSet/vigil-collector/vigil-collector-agent",
                    "ConfigMap/vigil/vigil-config", "Secret/vigil/vigil-clickhouse", "Secret/vigil/vigil-postgres",
                    "Secret/vigil/vigil-ingest", "Secret/vigil-collector/vigil-ingest");
            // The collectors send the ingest token of their own namespace's Secret with every export.
            for (String kind : List.of("DaemonSet", "Deployment")) {
                String name = kind.equals("DaemonSet") ? "vigil-collector-agent" : "vigil-collector-cluster";
                assertThat(secretRefs(find(resources, kind, name).at("/spec/template/spec/containers/0")))
                        .as(overlay + " " + name).containsEntry("VIGIL_INGEST_TOKEN", "vigil-ingest/token");
            }
            for (ObjectNode resource : resources) {
                if (resource.path("kind").asText().equals("ConfigMap")
                        && resource.at("/metadata/name").asText().startsWith("vigil-collector")) {
                    assertThat(resource.at("/data/config.yaml").asText()).as(overlay + " "
                            + resource.at("/metadata/name").asText())
                            .contains("Authorization: \"Bearer ${env:VIGIL_INGEST_TOKEN}\"");
                }
            }
        }
        List<ObjectNode> production = Kustomization.render(kubernetes.resolve("overlays/production"));
        assertThat(find(production, "ConfigMap", "vigil-config").at("/data/VIGIL_CLICKHOUSE_CLUSTER_NAME").asText())
                .isEqualTo(find(production, "ClickHouseInstallation", "vigil").at("/spec/configuration/clusters/0/name").asText());
        assertThat(find(production, "Deployment", "ingest-service-persist").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(find(production, "Deployment", "query-service").at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void packagedServicesStartedAsTheSingleNodeOverlayDeclaresAnswerTheirProbesAndStoreATrace() throws Exception {
        DevStack stack = SharedDevStack.get();
        DevStack.PostgresConnection pg = stack.postgres();
        List<ObjectNode> resources = Kustomization.render(kubernetes.resolve("overlays/single-node"));
        JsonNode postgresSecret = find(resources, "Secret", "vigil-postgres");
        // Persist first (it creates the schema), then receive, query, alert, and health, which probes the others.
        List<String> order = List.of("ingest-service-persist", "ingest-service", "query-service", "alert-service",
                "health-service");
        Map<String, Map<Integer, Integer>> ports = new HashMap<>();
        HostMap hosts = new HostMap(List.of("kafka", "clickhouse", "postgres", "ingest-service", "query-service",
                "alert-service", "health-service"))
                .map("kafka:9092", stack.kafkaBootstrapServers())
                .map("http://clickhouse:8123", stack.clickHouseUrl())
                .map("postgres:5432/vigil", pg.host() + ":" + pg.port() + "/" + pg.database());
        for (String name : order) {
            Map<Integer, Integer> mapped = new HashMap<>();
            find(resources, "Deployment", name).at("/spec/template/spec/containers/0/ports")
                    .forEach(p -> mapped.put(p.path("containerPort").asInt(), PackagedService.freePort()));
            ports.put(name, mapped);
            // Other services reach this one through its Service: its port leads to a container port, by number or name.
            JsonNode containerPorts = find(resources, "Deployment", name).at("/spec/template/spec/containers/0/ports");
            for (JsonNode servicePort : find(resources, "Service", name).at("/spec/ports")) {
                JsonNode target = servicePort.path("targetPort");
                int containerPort = target.isMissingNode() ? servicePort.path("port").asInt() : target.asInt(-1);
                for (JsonNode p : containerPorts) {
                    if (p.path("name").asText().equals(target.asText())) {
                        containerPort = p.path("containerPort").asInt();
                    }
                }
                String local = "http://127.0.0.1:" + mapped.get(containerPort);
                hosts.map("http://" + name + ":" + servicePort.path("port").asInt(), local);
                if (servicePort.path("port").asInt() == 80) {
                    hosts.map("http://" + name + "/", local + "/");
                }
            }
        }

        List<LocalContainer> started = new ArrayList<>();
        Map<String, Integer> httpPorts = new HashMap<>();
        try {
            for (String name : order) {
                JsonNode container = find(resources, "Deployment", name).at("/spec/template/spec/containers/0");
                assertThat(container.has("command")).as(name + " keeps the image's entry point").isFalse();
                Map<String, String> environment = hosts.apply(environment(container, resources));
                for (String key : List.copyOf(environment.keySet())) {
                    if (key.contains("CLICKHOUSE")) {
                        continue;
                    }
                    if (environment.get(key).equals(secret(postgresSecret, "username")) && key.endsWith("_USERNAME")) {
                        environment.put(key, pg.user());
                    } else if (environment.get(key).equals(secret(postgresSecret, "password")) && key.endsWith("_PASSWORD")) {
                        environment.put(key, pg.password());
                    }
                }
                // The artifacts leave the admin key's hash to the operator (docs/security.md); here it is the tests' key's.
                if (environment.containsKey("VIGIL_ACCESS_ADMIN_KEY_SHA256")) {
                    assertThat(environment.get("VIGIL_ACCESS_ADMIN_KEY_SHA256")).as(name + "'s admin key hash").isEmpty();
                    environment.put("VIGIL_ACCESS_ADMIN_KEY_SHA256", TestCredentials.ADMIN_KEY_SHA256);
                }
                // So do they the ingest token (the Secret vigil-ingest): ingest-service gets the tests' token's hash,
                // every service the token itself for its own metrics.
                if (environment.containsKey("VIGIL_ACCESS_INGEST_TOKEN_SHA256")) {
                    assertThat(environment.get("VIGIL_ACCESS_INGEST_TOKEN_SHA256")).as(name + "'s ingest token hash")
                            .isEmpty();
                    environment.put("VIGIL_ACCESS_INGEST_TOKEN_SHA256", TestCredentials.INGEST_TOKEN_SHA256);
                }
                assertThat(environment.get("VIGIL_SELF_TELEMETRY_TOKEN")).as(name + "'s self-telemetry token").isEmpty();
                environment.put("VIGIL_SELF_TELEMETRY_TOKEN", TestCredentials.INGEST_TOKEN);
                Map<String, Integer> portByName = new HashMap<>();
                for (JsonNode port : container.path("ports")) {
                    int local = ports.get(name).get(port.path("containerPort").asInt());
                    portByName.put(port.path("name").asText(), local);
                    switch (port.path("name").asText()) {
                        case "http" -> environment.put("QUARKUS_HTTP_PORT", Integer.toString(local));
                        case "grpc" -> environment.put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(local));
                        default -> throw new AssertionError(name + " declares a port the test cannot move: " + port);
                    }
                }
                List<String> args = new ArrayList<>();
                container.path("args").forEach(a -> args.add(a.asText()));
                String image = container.path("image").asText();
                // docker.io/vigil/ingest-service:<version>, as ./vigil images tags it: the module's own image.
                String module = image.substring(image.lastIndexOf('/') + 1, image.lastIndexOf(':'));
                LocalContainer process = LocalContainer.start(name, ImageEntrypoint.of(root.resolve(module),
                                "src/main/docker/Dockerfile.jvm"), args, environment,
                        container.at("/resources/limits/memory").asText(null), stack.stateDir().resolve("logs"));
                started.add(process);
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    JsonNode get = container.at("/" + probe + "/httpGet");
                    JsonNode port = get.path("port");
                    int local = port.isInt() ? ports.get(name).get(port.asInt()) : portByName.get(port.asText());
                    process.awaitHttpOk(local, get.path("path").asText(), Duration.ofSeconds(120));
                }
                httpPorts.put(name, portByName.get("http"));
            }
            String traceId = TraceRoundTrip.sendAndAwait(URI.create("http://127.0.0.1:" + httpPorts.get("ingest-service")),
                    URI.create("http://127.0.0.1:" + httpPorts.get("query-service")), "kubernetes-check",
                    Duration.ofSeconds(30));
            assertThat(traceId).hasSize(32);
        } finally {
            started.reversed().forEach(LocalContainer::close);
        }
    }

    /** A container's environment as the kubelet builds it: envFrom first, then env, which wins. */
    private static Map<String, String> environment(JsonNode container, List<ObjectNode> resources) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                find(resources, "ConfigMap", from.at("/configMapRef/name").asText()).path("data").properties()
                        .forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
            } else if (from.has("secretRef")) {
                JsonNode secret = find(resources, "Secret", from.at("/secretRef/name").asText());
                secret.path("stringData").properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
            } else {
                throw new AssertionError("envFrom the test cannot resolve: " + from);
            }
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (variable.has("value")) {
                environment.put(name, variable.path("value").asText());
            } else if (variable.at("/valueFrom/secretKeyRef").isObject()) {
                JsonNode ref = variable.at("/valueFrom/secretKeyRef");
                environment.put(name, secret(find(resources, "Secret", ref.path("name").asText()), ref.path("key").asText()));
            } else if (variable.at("/valueFrom/configMapKeyRef").isObject()) {
                JsonNode ref = variable.at("/valueFrom/configMapKeyRef");
                environment.put(name, find(resources, "ConfigMap", ref.path("name").asText()).at("/data/"
                        + ref.path("key").asText()).asText());
            } else if (variable.at("/valueFrom/fieldRef/fieldPath").asText().equals("metadata.namespace")) {
                environment.put(name, "vigil");
            } else {
                throw new AssertionError("an env entry the test cannot resolve: " + variable);
            }
        }
        return environment;
    }

    /** Each env entry of a container read from a Secret, as its {@code secret/key}. */
    private static Map<String, String> secretRefs(JsonNode container) {
        Map<String, String> refs = new HashMap<>();
        container.path("env").forEach(v -> {
            JsonNode ref = v.at("/valueFrom/secretKeyRef");
            if (ref.isObject()) {
                refs.put(v.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        });
        return refs;
    }

    private static Map<String, String> env(JsonNode deployment) {
        Map<String, String> env = new HashMap<>();
        deployment.at("/spec/template/spec/containers/0/env").forEach(v -> env.put(v.path("name").asText(),
                v.path("value").asText(null)));
        return env;
    }

    private static String secret(JsonNode secret, String key) {
        if (secret.at("/stringData/" + key).isTextual()) {
            return secret.at("/stringData/" + key).asText();
        }
        String encoded = secret.at("/data/" + key).asText(null);
        if (encoded == null) {
            throw new AssertionError("the Secret " + secret.at("/metadata/name").asText() + " has no key " + key);
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private static ObjectNode find(List<ObjectNode> resources, String kind, String name) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind)
                        && r.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the rendered overlay"));
    }
}
