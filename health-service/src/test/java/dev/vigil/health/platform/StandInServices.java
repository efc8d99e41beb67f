package dev.vigil.health.platform;

import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.SharedDevStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the stand-ins for the three services before the application and points health-service at
 * them (ingest answers UP, query answers DOWN, and nothing listens on alert's port) and at the
 * shared devstack's real Kafka, ClickHouse and PostgreSQL.
 */
public final class StandInServices implements QuarkusTestResourceLifecycleManager {

    static StandInService ingest;
    static StandInService query;
    static StandInService alert;

    @Override
    public Map<String, String> start() {
        ingest = StandInService.answering(StandInService.Readiness.UP);
        query = StandInService.answering(StandInService.Readiness.DOWN);
        alert = StandInService.silent();
        DevStack stack = SharedDevStack.get();
        DevStack.PostgresConnection pg = stack.postgres();
        return Map.ofEntries(
                Map.entry("vigil.health.services.ingest", ingest.url()),
                Map.entry("vigil.health.services.query", query.url()),
                Map.entry("vigil.health.services.alert", alert.url()),
                Map.entry("vigil.health.probe-interval", "1s"),
                Map.entry("vigil.health.probe-timeout", "3s"),
                Map.entry("kafka.bootstrap.servers", stack.kafkaBootstrapServers()),
                Map.entry("vigil.clickhouse.url", stack.clickHouseUrl()),
                Map.entry("vigil.health.postgres.jdbc-url", pg.jdbcUrl()),
                Map.entry("vigil.health.postgres.username", pg.user()),
                Map.entry("vigil.health.postgres.password", pg.password()));
    }

    @Override
    public void stop() {
        for (StandInService service : new StandInService[] {ingest, query, alert}) {
            if (service != null) {
                service.close();
            }
        }
    }
}
