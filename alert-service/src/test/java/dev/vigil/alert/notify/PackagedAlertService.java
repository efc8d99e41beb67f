package dev.vigil.alert.notify;

import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;

import java.util.HashMap;
import java.util.Map;

/** The packaged alert-service ({@code target/quarkus-app}) as its own process on the test JVM's devstack. */
final class PackagedAlertService {

    private PackagedAlertService() {
    }

    /** Started with its production defaults, plus {@code overrides}. */
    static PackagedService start(Map<String, String> overrides) {
        DevStack stack = SharedDevStack.get();
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "vigil.clickhouse.url", stack.clickHouseUrl(),
                "quarkus.datasource.jdbc.url", stack.postgres().jdbcUrl(),
                "quarkus.datasource.reactive.url", stack.postgres().reactiveUrl(),
                "quarkus.datasource.username", stack.postgres().user(),
                "quarkus.datasource.password", stack.postgres().password(),
                // Tests evaluate rules each second.
                "vigil.alert.rules.min-interval", "1s",
                // The stand-ins for Slack, PagerDuty and webhooks listen on 127.0.0.1.
                "vigil.alert.destinations.allow", "127.0.0.1"));
        config.putAll(overrides);
        return PackagedService.start("alert-service", config);
    }

    /** Leases that expire within 4 s, so a killed replica's rules are taken over quickly. */
    static Map<String, String> quickTakeOver() {
        return Map.of("vigil.alert.evaluation.lease-duration", "4s", "vigil.alert.evaluation.lease-renewal", "1s",
                "vigil.alert.notify.tick", "100ms");
    }
}
