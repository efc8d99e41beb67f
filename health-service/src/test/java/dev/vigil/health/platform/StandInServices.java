package dev.vigil.health.platform;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the stand-ins for the three services before the application and points health-service at
 * them: ingest answers UP, query answers DOWN, and nothing listens on alert's port.
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
        return Map.of(
                "vigil.health.services.ingest", ingest.url(),
                "vigil.health.services.query", query.url(),
                "vigil.health.services.alert", alert.url(),
                "vigil.health.probe-interval", "1s",
                "vigil.health.probe-timeout", "1s");
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
