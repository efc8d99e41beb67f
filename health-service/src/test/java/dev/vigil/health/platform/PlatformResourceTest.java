package dev.vigil.health.platform;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static dev.vigil.health.platform.StandInService.Readiness.DOWN;
import static dev.vigil.health.platform.StandInService.Readiness.UP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each test puts the stand-ins into the state it needs and then waits for the probes to catch up,
 * so the tests do not depend on their order.
 */
@QuarkusTest
@QuarkusTestResource(StandInServices.class)
class PlatformResourceTest {

    @Test
    void reportsCriticalWithEachServicesOwnStatus() {
        StandInServices.ingest.answer(UP);
        StandInServices.query.answer(DOWN);
        StandInServices.alert.stop();

        JsonPath report = PlatformApi.awaitReport(r -> "CRITICAL".equals(r.getString("status"))
                && PlatformApi.statuses(r).equals(Map.of("alert", "UNREACHABLE", "ingest", "UP", "query", "DOWN")));

        assertThat(report.getList("services.name")).containsExactly("alert", "ingest", "query");

        JsonPath ingest = PlatformApi.service(report, "ingest");
        assertThat(ingest.getString("url")).isEqualTo(StandInServices.ingest.url());
        assertThat(ingest.getLong("latencyMillis")).isNotNegative();
        assertThat(Instant.parse(ingest.getString("checkedAt"))).isAfterOrEqualTo(Instant.parse(ingest.getString("since")));
        assertThat(ingest.getString("error")).isNull();
        assertThat(ingest.getString("checks[0].name")).isEqualTo("Reactive PostgreSQL connections health check");
        assertThat(ingest.getString("checks[0].status")).isEqualTo("UP");
        assertThat(ingest.getString("checks[0].data.'<default>'")).isEqualTo("UP");

        JsonPath query = PlatformApi.service(report, "query");
        assertThat(query.getLong("latencyMillis")).isNotNegative();
        assertThat(query.getString("checks[0].status")).isEqualTo("DOWN");
        assertThat(query.getString("error"))
                .isEqualTo("HTTP 503, reported DOWN (Reactive PostgreSQL connections health check)");

        JsonPath alert = PlatformApi.service(report, "alert");
        assertThat(alert.getString("url")).isEqualTo(StandInServices.alert.url());
        assertThat(alert.getString("latencyMillis")).isNull();
        assertThat(alert.getString("checkedAt")).isNotNull();
        assertThat(alert.getList("checks")).isEmpty();
        assertThat(alert.getString("error")).isEqualTo("connection refused");
    }

    @Test
    void reportsCriticalWhenNoServiceIsUp() {
        StandInServices.ingest.answer(DOWN);
        StandInServices.query.answer(DOWN);
        StandInServices.alert.stop();

        JsonPath report = PlatformApi.awaitReport(r -> PlatformApi.statuses(r).equals(Map.of("alert", "UNREACHABLE", "ingest", "DOWN", "query", "DOWN")));

        assertThat(report.getString("status")).isEqualTo("CRITICAL");
    }

    @Test
    void reportsHealthyOnlyOnceEveryServiceHasRecovered() {
        StandInServices.ingest.answer(UP);
        StandInServices.query.answer(DOWN);
        StandInServices.alert.stop();
        JsonPath failing = PlatformApi.awaitReport(r -> PlatformApi.statuses(r).equals(Map.of("alert", "UNREACHABLE", "ingest", "UP", "query", "DOWN")));
        Instant queryDownSince = Instant.parse(PlatformApi.service(failing, "query").getString("since"));
        Instant ingestUpSince = Instant.parse(PlatformApi.service(failing, "ingest").getString("since"));

        StandInServices.query.answer(UP);
        JsonPath halfway = PlatformApi.awaitReport(r -> "UP".equals(PlatformApi.service(r, "query").getString("status")));
        assertThat(halfway.getString("status")).isEqualTo("CRITICAL");

        StandInServices.alert.start();
        JsonPath recovered = PlatformApi.awaitReport(r -> "HEALTHY".equals(r.getString("status")));

        assertThat(PlatformApi.statuses(recovered)).containsOnly(
                Map.entry("alert", "UP"), Map.entry("ingest", "UP"), Map.entry("query", "UP"));
        assertThat(Instant.parse(PlatformApi.service(recovered, "query").getString("since"))).isAfter(queryDownSince);
        assertThat(PlatformApi.service(recovered, "alert").getLong("latencyMillis")).isNotNegative();
        assertThat(PlatformApi.service(recovered, "alert").getString("error")).isNull();
        assertThat(recovered.getString("kafka.status")).isEqualTo("HEALTHY");
        assertThat(recovered.getInt("kafka.brokers")).isEqualTo(1);
        assertThat(recovered.getString("clickhouse.status")).isEqualTo("HEALTHY");
        assertThat(recovered.getLong("clickhouse.activeParts")).isNotNegative();
        assertThat(recovered.getString("postgres.status")).isEqualTo("HEALTHY");
        assertThat(recovered.getString("postgres.error")).isNull();
        assertThat(recovered.getString("ingest.status")).isEqualTo("HEALTHY");
        assertThat(recovered.getString("ingest.url")).isEqualTo(StandInServices.ingest.url() + "/q/metrics");
        assertThat(recovered.getDouble("ingest.totals.vigil_ingest_spans_rejected_total")).isEqualTo(2.0);
        assertThat(recovered.getMap("ingest.totals")).hasSize(1);
        assertThat(recovered.getDouble("ingest.increases.vigil_ingest_spans_rejected_total")).isEqualTo(0.0);
        // A service that stayed UP throughout keeps the moment it came UP.
        assertThat(Instant.parse(PlatformApi.service(recovered, "ingest").getString("since"))).isEqualTo(ingestUpSince);
    }
}
