package dev.vigil.ingest.persist;

import com.clickhouse.client.api.Client;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the persist stage: ClickHouse answers and every signal's consumer loop runs. A loop
 * whose thread died is restarted by its supervisor, so the stage is not ready in between and ready again
 * after, without a restart of the service. With the stage off it reports up: a receive-only Deployment
 * does not need ClickHouse. Kafka's own readiness check comes with the Kafka client.
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
                    .withData("persist", running ? "running" : persister.notRunning())
                    .build();
        };
    }
}
