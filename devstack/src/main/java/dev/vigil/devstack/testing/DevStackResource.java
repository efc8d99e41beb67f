package dev.vigil.devstack.testing;

import dev.vigil.devstack.launch.DevStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: points a service under test at the JVM's shared devstack. Stopping is
 * left to the JVM's exit, because every test class of the JVM shares the same servers.
 */
public final class DevStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        DevStack stack = SharedDevStack.get();
        DevStack.PostgresConnection pg = stack.postgres();
        return Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "vigil.clickhouse.url", stack.clickHouseUrl(),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                "quarkus.datasource.reactive.url", pg.reactiveUrl(),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password());
    }

    @Override
    public void stop() {
        // The servers outlive a test class: SharedDevStack stops them when the JVM exits.
    }
}
