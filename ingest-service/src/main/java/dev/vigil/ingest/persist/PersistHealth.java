package dev.vigil.ingest.persist;

import com.clickhouse.client.api.Client;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Health of the persist stage. Ready when ClickHouse answers and every signal's persist thread runs;
 * alive unless one of those threads died, which only a restart mends. With the stage off both report up: a receive-only
 * Deployment does not need ClickHouse. Kafka's own readiness check comes with the Kafka client.
 */
@Singleton
final class PersistHealth {
    private static final long PING_TIMEOUT_MS = 2_000;

    @Produces
    @Readiness
    @Singleton
    HealthCheck clickHouseReadiness(PersistConfig config, Client clickHouse, PersistStage persister) {
        return () -> {
            var response = HealthCheckResponse.named("ClickHouse and the persist stage");
            if (!config.enabled()) {
                return response.up().withData("persist", "off").build();
            }
            boolean reachable = clickHouse.ping(PING_TIMEOUT_MS);
            boolean running = persister.isRunning();
            return response.status(reachable && running)
                    .withData("clickhouse", reachable ? "reachable" : "no answer within " + PING_TIMEOUT_MS + " ms")
                    .withData("persist", running ? "running" : stopped(persister))
                    .build();
        };
    }

    @Produces
    @Liveness
    @Singleton
    HealthCheck persistLiveness(PersistStage persister) {
        return () -> HealthCheckResponse.named("persist stage")
                .status(persister.failure() == null)
                .withData("persist", persister.failure() == null ? "ok" : stopped(persister))
                .build();
    }

    private static String stopped(PersistStage persister) {
        String failure = persister.failure();
        return failure == null ? "not started" : "stopped: " + failure;
    }
}
