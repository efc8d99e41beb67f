package dev.vigil.ingest.consume;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while every consumer loop has a running worker; down while one waits to be restarted after its
 * thread died, and up again once the new worker runs. No liveness check: the supervisor mends a dead
 * thread without a restart of the service.
 */
@Readiness
@Singleton
final class ConsumerLoopsHealth implements HealthCheck {
    private final ConsumerLoops loops;

    ConsumerLoopsHealth(ConsumerLoops loops) {
        this.loops = loops;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka consumer loops");
        boolean all = true;
        for (ConsumerLoop<?> loop : loops.loops()) {
            boolean running = loop.isRunning();
            all &= running;
            Throwable failure = loop.lastFailure();
            response.withData(loop.name(), running ? "running"
                    : failure == null ? "starting" : "restarting after: " + failure);
        }
        return response.status(all).build();
    }
}
