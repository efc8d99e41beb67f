package dev.vigil.health.cluster;

import dev.vigil.demo.cluster.ClusterPlan;
import dev.vigil.demo.cluster.ClusterReadings;
import dev.vigil.demo.cluster.NodeReading;
import dev.vigil.demo.cluster.PodReading;
import dev.vigil.demo.cluster.PodSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * The simulated cluster's metrics go through the packaged ingest-service (OTLP/HTTP, Kafka, ClickHouse) and come
 * back out of the cluster API with the numbers that were sent ({@link SimulatedTraffic}).
 */
@QuarkusTest
@QuarkusTestResource(IngestStack.class)
class ClusterResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final double EPSILON = 1e-9;
    private static final ClusterPlan PLAN = SimulatedTraffic.PLAN;
    /** The creeping pod's status and reason by tick: 82 % at tick 3, 90 % at tick 5 of its memory limit. */
    private static final Map<Long, List<String>> CREEPING = Map.of(
            3L, List.of("WARNING", "memory at 82.0 % of its limit"),
            5L, List.of("CRITICAL", "memory at 90.0 % of its limit"));

    @BeforeAll
    static void readNumbersAsDoubles() {
        // Rest Assured reads JSON numbers as floats by default, which cannot hold a byte count exactly.
        JsonPath.config = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);
        RestAssured.config = RestAssuredConfig.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void reportsEveryNodeAndPodWithTheValuesSentAndFlagsThePodNearItsMemoryLimit() {
        List<ClusterReadings> ticks = SimulatedTraffic.sent().stream().map(SimulatedTraffic.Sent::readings).toList();
        SimulatedTraffic.Sent last = SimulatedTraffic.latest();
        ClusterReadings latest = last.readings();
        Instant lastSentAt = last.at();
        List<String> creepingExpected = CREEPING.get(last.tick());
        PodSpec creeping = PLAN.creepingPod();

        // Each pod's points travel in their own export batch and Kafka partition, so one pod showing the latest
        // tick says nothing about the others: wait until every pod shows what was sent last.
        JsonPath pods = await("/api/v1/cluster/pods", p -> p.getList("$").size() == 25
                && latest.pods().stream().allMatch(r -> showsReading(pod(p, r.spec().name()), r)));

        for (PodReading reading : latest.pods()) {
            PodSpec spec = reading.spec();
            JsonPath pod = pod(pods, spec.name());
            assertThat(pod.getString("namespace")).isEqualTo(spec.namespace());
            assertThat(pod.getString("node")).isEqualTo(spec.node());
            assertThat(pod.getString("workloadKind")).isEqualTo(spec.workloadKind());
            assertThat(pod.getString("workload")).isEqualTo(spec.workload());
            assertThat(pod.getString("phase")).isEqualTo("Running");
            assertThat(pod.getLong("restarts")).isEqualTo(spec.restarts());
            assertThat(pod.getDouble("cpu.used")).as(spec.name()).isEqualTo(reading.cpuCores());
            assertThat(pod.getDouble("memory.used")).as(spec.name()).isEqualTo((double) reading.memoryWorkingSet());
            assertThat(pod.getDouble("cpu.request")).isEqualTo(spec.cpuRequest());
            assertThat(pod.getDouble("memory.hourPeak")).isEqualTo((double) ticks.stream()
                    .mapToLong(t -> t.pod(spec.namespace(), spec.name()).memoryWorkingSet()).max().orElseThrow());
            assertThat(pod.getDouble("cpu.hourAverage")).isCloseTo(ticks.stream()
                    .mapToDouble(t -> t.pod(spec.namespace(), spec.name()).cpuCores()).average().orElseThrow(),
                    within(EPSILON));
            if (spec.memoryLimit() > 0) {
                assertThat(pod.getDouble("memory.limit")).isEqualTo((double) spec.memoryLimit());
                assertThat(pod.getDouble("memory.utilization"))
                        .isEqualTo((double) reading.memoryWorkingSet() / spec.memoryLimit());
            } else {
                assertThat(pod.getString("memory.limit")).isNull();
                assertThat(pod.getString("memory.utilization")).isNull();
            }
            if (spec.cpuLimit() > 0) {
                assertThat(pod.getDouble("cpu.limit")).isEqualTo(spec.cpuLimit());
            } else {
                assertThat(pod.getString("cpu.limit")).isNull();
            }
            // The schema's TimeUnix is DateTime: whole seconds.
            assertThat(Instant.parse(pod.getString("lastSeen"))).isEqualTo(lastSentAt.truncatedTo(ChronoUnit.SECONDS));
            assertThat(pod.getList("history")).hasSizeBetween(ticks.size() - 1, ticks.size());
            if (spec.creeping()) {
                assertThat(pod.getString("status")).isEqualTo(creepingExpected.get(0));
                assertThat(pod.getList("reasons")).containsExactly(creepingExpected.get(1));
            } else {
                assertThat(pod.getString("status")).as(spec.name()).isEqualTo("HEALTHY");
                assertThat(pod.getList("reasons")).isEmpty();
            }
        }

        JsonPath nodes = await("/api/v1/cluster/nodes", n -> latest.nodes().stream().allMatch(r ->
                Double.valueOf(r.memoryWorkingSet()).equals(new JsonPath(n.prettify())
                        .setRootPath("find { it.name == '" + r.spec().name() + "' }").getDouble("memory.used"))));
        assertThat(nodes.getList("name")).containsExactly("vigil-demo-node-1", "vigil-demo-node-2",
                "vigil-demo-node-3");
        for (NodeReading reading : latest.nodes()) {
            JsonPath node = new JsonPath(nodes.prettify())
                    .setRootPath("find { it.name == '" + reading.spec().name() + "' }");
            assertThat(node.getDouble("cpu.used")).isEqualTo(reading.cpuCores());
            assertThat(node.getDouble("cpu.allocatable")).isEqualTo(reading.spec().allocatableCpu());
            assertThat(node.getDouble("cpu.utilization")).isEqualTo(reading.cpuCores() / reading.spec().allocatableCpu());
            assertThat(node.getDouble("memory.used")).isEqualTo((double) reading.memoryWorkingSet());
            assertThat(node.getDouble("memory.allocatable")).isEqualTo((double) reading.spec().allocatableMemory());
            assertThat(node.getDouble("memory.hourPeak")).isEqualTo((double) ticks.stream()
                    .mapToLong(t -> t.node(reading.spec().name()).memoryWorkingSet()).max().orElseThrow());
            assertThat(node.getBoolean("ready")).isTrue();
            assertThat(node.getInt("pods")).isEqualTo((int) PLAN.pods().stream()
                    .filter(p -> p.node().equals(reading.spec().name())).count());
            assertThat(node.getString("status")).isEqualTo("HEALTHY");
        }

        JsonPath cluster = given().get("/api/v1/cluster").then().statusCode(200).extract().jsonPath();
        assertThat(cluster.getString("status")).isEqualTo(creepingExpected.get(0));
        assertThat(cluster.getInt("nodes")).isEqualTo(3);
        assertThat(cluster.getInt("pods")).isEqualTo(25);
        assertThat(cluster.getMap("podStatuses")).containsExactly(Map.entry("HEALTHY", 24),
                Map.entry("WARNING", creepingExpected.get(0).equals("WARNING") ? 1 : 0),
                Map.entry("CRITICAL", creepingExpected.get(0).equals("CRITICAL") ? 1 : 0));
        assertThat(cluster.getList("namespaces.name")).containsExactly("kube-system", "monitoring", "payments", "shop");
        assertThat(cluster.getDouble("cpu.allocatable")).isEqualTo(32.0);
        assertThat(cluster.getDouble("memory.used")).isEqualTo((double) latest.nodes().stream()
                .mapToLong(NodeReading::memoryWorkingSet).sum());
        JsonPath cart = new JsonPath(cluster.prettify()).setRootPath("workloads.find { it.name == 'cart' }");
        assertThat(cart.getString("status")).isEqualTo(creepingExpected.get(0));
        assertThat(cart.getList("reasons")).containsExactly(creeping.name() + ": " + creepingExpected.get(1));
        assertThat(cart.getDouble("memory.limit")).isEqualTo(2.0 * creeping.memoryLimit());

        JsonPath shopCart = await("/api/v1/cluster/pods?namespace=shop&workload=cart", p -> true);
        assertThat(shopCart.getList("name")).containsExactlyInAnyOrderElementsOf(PLAN.pods().stream()
                .filter(p -> p.workload().equals("cart")).map(PodSpec::name).toList());
    }

    private static boolean showsReading(JsonPath pod, PodReading reading) {
        return Double.valueOf(reading.cpuCores()).equals(pod.getDouble("cpu.used"))
                && Double.valueOf(reading.memoryWorkingSet()).equals(pod.getDouble("memory.used"));
    }

    static JsonPath pod(JsonPath pods, String name) {
        return new JsonPath(pods.prettify()).setRootPath("find { it.name == '" + name + "' }");
    }

    static JsonPath await(String path, Predicate<JsonPath> expected) {
        Instant deadline = Instant.now().plus(PATIENCE);
        String last = "";
        do {
            var response = given().get(path);
            last = response.asString();
            if (response.statusCode() == 200 && expected.test(response.jsonPath())) {
                return response.jsonPath();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (Instant.now().isBefore(deadline));
        return fail("%s did not show the expected state within %s; last seen: %s", path, PATIENCE, last);
    }
}
