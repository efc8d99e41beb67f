package dev.vigil.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.TestCredentials;
import dev.vigil.devstack.testing.SharedDevStack;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml without a container engine: Debian's {@code docker-compose} validates and resolves it
 * ({@code docker-compose config}), and the packaged services are started with exactly the environment, arguments
 * (the image's entry point plus the service's {@code command}) and memory limit the resolved file gives their
 * containers, on devstack's Kafka, ClickHouse and PostgreSQL; each must pass its compose health check and together
 * they must store a trace sent over OTLP. What the test changes, and only that: server addresses (container names to
 * devstack's and the other processes' addresses, PostgreSQL's credentials to devstack's) and the listening ports
 * (free ones, as a port mapping would, so a running Vigil on the usual ports does not collide).
 */
class ComposeFileTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> SERVICES = List.of("ingest", "query", "alert", "health");
    private static final List<String> INFRASTRUCTURE = List.of("kafka", "clickhouse", "postgres");
    /** The ports ./vigil up prints, published on the host the same way. */
    private static final Map<String, Set<Integer>> USUAL_PORTS = Map.of("kafka", Set.of(9092), "clickhouse", Set.of(8123),
            "postgres", Set.of(5432), "ingest", Set.of(4317, 4318), "query", Set.of(8080), "alert", Set.of(8082),
            "health", Set.of(8083));

    private static Path root;
    private static JsonNode config;

    @BeforeAll
    static void resolveComposeFile() throws Exception {
        root = Path.of(System.getProperty("vigil.root"));
        Assumptions.assumeTrue(dockerComposeInstalled(), "docker-compose is not installed, so docker-compose.yml was"
                + " NOT checked; ./vigil test installs Debian's package (apt-get install -y docker-compose)");
        config = YAML.readTree(compose(List.of("config")));
    }

    @Test
    void composeFilePassesDockerComposeConfigWithEveryProfile() throws Exception {
        assertThat(names(config.path("services"))).containsAll(SERVICES).containsAll(INFRASTRUCTURE);
        JsonNode all = YAML.readTree(compose(List.of("--profile", "demo", "--profile", "grafana", "config")));
        assertThat(names(all.path("services")))
                .containsExactlyInAnyOrder("kafka", "clickhouse", "postgres", "ingest", "query", "alert", "health",
                        "otel-collector", "demo", "grafana");
        assertThat(all.at("/services/demo/profiles").toString()).contains("demo");
        assertThat(all.at("/services/otel-collector/profiles").toString()).contains("demo");
        assertThat(all.at("/services/grafana/profiles").toString()).contains("grafana");
        assertThat(all.at("/services/demo/command").toString()).contains("http://otel-collector:4318");

        // The files the profiles mount exist and say what they should.
        JsonNode collector = YAML.readTree(root.resolve("deploy/compose/otel-collector.yaml").toFile());
        assertThat(collector.at("/exporters/otlphttp~1vigil/endpoint").asText()).isEqualTo("${env:VIGIL_OTLP_ENDPOINT}");
        assertThat(all.at("/services/otel-collector/environment/VIGIL_OTLP_ENDPOINT").asText())
                .isEqualTo("http://ingest:4318");
        // The collector forwards with the ingest token of the environment (.env), as any client of ingest-service.
        assertThat(collector.at("/exporters/otlphttp~1vigil/headers/Authorization").asText())
                .isEqualTo("Bearer ${env:VIGIL_INGEST_TOKEN}");
        assertThat(all.at("/services/otel-collector/environment").has("VIGIL_INGEST_TOKEN")).isTrue();
        JsonNode sources = YAML.readTree(root.resolve("deploy/grafana/provisioning/datasources/vigil.yaml").toFile());
        Map<String, String> urls = new HashMap<>();
        sources.path("datasources").forEach(d -> urls.put(d.path("type").asText(), d.path("url").asText()));
        assertThat(urls).containsOnlyKeys("prometheus", "jaeger", "grafana-clickhouse-datasource")
                .containsEntry("prometheus", "http://query:8080/prometheus")
                .containsEntry("jaeger", "http://query:8080/jaeger");
        assertThat(all.at("/services/grafana/volumes").toString()).contains(
                root.resolve("deploy/grafana/provisioning").toString() + ":/etc/grafana/provisioning");
    }

    @Test
    void everyServerHasAHealthCheckANamedVolumeOrHealthyDependenciesAndTheUsualPorts() {
        JsonNode services = config.path("services");
        for (String name : USUAL_PORTS.keySet()) {
            JsonNode service = services.path(name);
            assertThat(service.at("/healthcheck/test").isArray()).as(name + " has a health check").isTrue();
            Set<Integer> published = new TreeSet<>();
            service.path("ports").forEach(p -> {
                assertThat(p.path("published").asInt()).as(name).isEqualTo(p.path("target").asInt());
                published.add(p.path("published").asInt());
            });
            assertThat(published).as(name + " ports").isEqualTo(USUAL_PORTS.get(name));
        }
        for (String name : INFRASTRUCTURE) {
            assertThat(services.path(name).path("volumes").toString()).as(name + " keeps its data in a named volume")
                    .containsPattern("\"" + name + "-data:/");
            assertThat(config.path("volumes").has(name + "-data")).isTrue();
        }
        for (String name : SERVICES) {
            assertThat(services.at("/" + name + "/environment").has("VIGIL_SELF_TELEMETRY_TOKEN"))
                    .as(name + " sends its own metrics with the ingest token").isTrue();
            JsonNode dependsOn = services.path(name).path("depends_on");
            assertThat(names(dependsOn)).as(name + " waits for").isNotEmpty();
            dependsOn.properties().forEach(d -> assertThat(d.getValue().path("condition").asText())
                    .as(name + " depends on " + d.getKey()).isEqualTo("service_healthy"));
            assertThat(services.at("/" + name + "/build/dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(services.at("/" + name + "/mem_limit").asText()).as(name + " has a memory limit").isNotEmpty();
        }
        assertThat(names(services.path("ingest").path("depends_on"))).containsExactlyInAnyOrder("kafka", "clickhouse");
        assertThat(services.at("/ingest/environment").has("VIGIL_ACCESS_INGEST_TOKEN_SHA256"))
                .as("ingest-service is given the ingest token's hash").isTrue();
        assertThat(names(services.path("alert").path("depends_on"))).contains("postgres", "kafka");
    }

    @Test
    void packagedServicesStartedWithTheComposeEnvironmentBecomeHealthyAndStoreATrace() throws Exception {
        DevStack stack = SharedDevStack.get();
        JsonNode services = config.path("services");
        DevStack.PostgresConnection pg = stack.postgres();
        JsonNode postgresEnv = services.at("/postgres/environment");

        // Every published container port gets a free port here; the HTTP one is the health check's.
        Map<String, Map<Integer, Integer>> ports = new HashMap<>();
        for (String name : SERVICES) {
            Map<Integer, Integer> mapped = new HashMap<>();
            services.path(name).path("ports").forEach(p -> mapped.put(p.path("target").asInt(), PackagedService.freePort()));
            ports.put(name, mapped);
        }
        HostMap hosts = new HostMap(List.of("kafka", "clickhouse", "postgres", "ingest", "query", "alert", "health"))
                .map("kafka:29092", stack.kafkaBootstrapServers())
                .map("http://clickhouse:8123", stack.clickHouseUrl())
                .map("postgres:5432/" + postgresEnv.path("POSTGRES_DB").asText(), pg.host() + ":" + pg.port() + "/" + pg.database());
        for (String name : SERVICES) {
            ports.get(name).forEach((target, local) -> hosts.map("http://" + name + ":" + target, "http://127.0.0.1:" + local));
        }

        List<LocalContainer> started = new ArrayList<>();
        Map<String, Integer> httpPorts = new HashMap<>();
        try {
            for (String name : startOrder(services)) {
                JsonNode service = services.path(name);
                Map<String, String> declared = new LinkedHashMap<>();
                service.path("environment").properties().forEach(e -> declared.put(e.getKey(), e.getValue().asText()));
                Map<String, String> environment = hosts.apply(declared);
                // The compose file's PostgreSQL account is the postgres container's; here it is devstack's.
                for (String key : List.copyOf(environment.keySet())) {
                    if (key.contains("CLICKHOUSE")) {
                        continue;
                    }
                    if (key.endsWith("_USERNAME") && environment.get(key).equals(postgresEnv.path("POSTGRES_USER").asText())) {
                        environment.put(key, pg.user());
                    } else if (key.endsWith("_PASSWORD")
                            && environment.get(key).equals(postgresEnv.path("POSTGRES_PASSWORD").asText())) {
                        environment.put(key, pg.password());
                    }
                }
                // The artifacts leave the admin key's hash to the operator (docs/security.md); here it is the tests' key's.
                if (environment.containsKey("VIGIL_ACCESS_ADMIN_KEY_SHA256")) {
                    assertThat(environment.get("VIGIL_ACCESS_ADMIN_KEY_SHA256")).as(name + "'s admin key hash").isEmpty();
                    environment.put("VIGIL_ACCESS_ADMIN_KEY_SHA256", TestCredentials.ADMIN_KEY_SHA256);
                }
                // So do they the ingest token (.env): ingest-service gets the tests' token's hash, every service the
                // token itself for its own metrics.
                if (environment.containsKey("VIGIL_ACCESS_INGEST_TOKEN_SHA256")) {
                    assertThat(environment.get("VIGIL_ACCESS_INGEST_TOKEN_SHA256")).as(name + "'s ingest token hash")
                            .isEmpty();
                    environment.put("VIGIL_ACCESS_INGEST_TOKEN_SHA256", TestCredentials.INGEST_TOKEN_SHA256);
                }
                assertThat(environment.get("VIGIL_SELF_TELEMETRY_TOKEN")).as(name + "'s self-telemetry token").isEmpty();
                environment.put("VIGIL_SELF_TELEMETRY_TOKEN", TestCredentials.INGEST_TOKEN);
                URI health = URI.create(healthCheckUrl(name, service));
                int httpPort = ports.get(name).get(health.getPort());
                environment.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
                for (var port : ports.get(name).entrySet()) {
                    if (port.getKey() != health.getPort()) {
                        // ingest-service's second port is OTLP/gRPC.
                        environment.put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(port.getValue()));
                    }
                }
                List<String> args = new ArrayList<>();
                service.path("command").forEach(a -> args.add(a.asText()));
                Path module = Path.of(service.at("/build/context").asText());
                LocalContainer container = LocalContainer.start(name, ImageEntrypoint.of(module,
                                service.at("/build/dockerfile").asText()), args, environment,
                        service.path("mem_limit").asText(null), stack.stateDir().resolve("logs"));
                started.add(container);
                // depends_on: service_healthy — the next one starts once this one's health check passes.
                container.awaitHttpOk(httpPort, health.getPath(), Duration.ofSeconds(120));
                httpPorts.put(name, httpPort);
            }
            String traceId = TraceRoundTrip.sendAndAwait(URI.create("http://127.0.0.1:" + httpPorts.get("ingest")),
                    URI.create("http://127.0.0.1:" + httpPorts.get("query")), "compose-check", Duration.ofSeconds(30));
            assertThat(traceId).hasSize(32);
        } finally {
            started.reversed().forEach(LocalContainer::close);
        }
    }

    /** The services in an order where each one's depends_on services come first. */
    private static List<String> startOrder(JsonNode services) {
        List<String> order = new ArrayList<>();
        while (order.size() < SERVICES.size()) {
            int before = order.size();
            for (String name : SERVICES) {
                if (!order.contains(name) && names(services.path(name).path("depends_on")).stream()
                        .filter(SERVICES::contains).allMatch(order::contains)) {
                    order.add(name);
                }
            }
            assertThat(order.size()).as("depends_on has no cycle").isGreaterThan(before);
        }
        return order;
    }

    private static String healthCheckUrl(String name, JsonNode service) {
        for (JsonNode arg : service.at("/healthcheck/test")) {
            if (arg.asText().startsWith("http://")) {
                return arg.asText();
            }
        }
        throw new AssertionError(name + "'s health check asks no URL: " + service.path("healthcheck"));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean dockerComposeInstalled() {
        try {
            Process p = new ProcessBuilder("docker-compose", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code docker-compose -f docker-compose.yml ARGS} with none of this machine's VIGIL_* variables, so the file's
     * own defaults are what is checked; fails with docker-compose's message when it exits non-zero.
     */
    /** What a user puts in .env: alert-service's channel-secrets key, which the compose file has no default for. */
    private static final String SECRETS_KEY = "Y29tcG9zZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nISE=";

    @Test
    void withoutAChannelSecretsKeyComposeRefusesNamingIt() throws Exception {
        Process p = composeProcess(List.of("config"), false);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(stderr).contains("VIGIL_ALERT_SECRETS_KEY");
    }

    private static Process composeProcess(List<String> args, boolean withKey) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", root.resolve("docker-compose.yml").toString(),
                "--project-directory", root.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("VIGIL_") || k.startsWith("COMPOSE_"));
        if (withKey) {
            builder.environment().put("VIGIL_ALERT_SECRETS_KEY", SECRETS_KEY);
        }
        return builder.start();
    }

    private static String compose(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", root.resolve("docker-compose.yml").toString(),
                "--project-directory", root.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("VIGIL_") || k.startsWith("COMPOSE_"));
        builder.environment().put("VIGIL_ALERT_SECRETS_KEY", SECRETS_KEY);
        Path err = Files.createTempFile("compose", ".err");
        builder.redirectError(err.toFile());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        Files.delete(err);
        assertThat(p.exitValue()).as("docker-compose " + String.join(" ", args) + ":\n" + stderr).isZero();
        return out;
    }
}
