package dev.vigil.health.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one readiness probe.
 *
 * @param latency how long the service took to answer; {@code null} when it did not answer
 * @param error   why the service is not UP, {@code null} when it is
 */
record ProbeResult(ServiceStatus status, List<ReportedCheck> checks, Duration latency, Instant checkedAt, String error) {
    ProbeResult {
        checks = List.copyOf(checks);
    }
}
