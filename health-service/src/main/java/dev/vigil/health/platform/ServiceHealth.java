package dev.vigil.health.platform;

import java.time.Instant;
import java.util.List;

/**
 * What is known about one service: the last probe's outcome, and since when the service has been in
 * its current status.
 *
 * @param latencyMillis how long the last probe took to be answered; {@code null} if it was not answered
 * @param checkedAt     when the last probe finished; {@code null} before the first one
 * @param since         when the service entered its current status (or when this service started watching)
 * @param checks        the checks the service reported in its last answer
 * @param error         why the service is not UP; {@code null} when it is
 */
public record ServiceHealth(
        String name,
        String url,
        ServiceStatus status,
        Long latencyMillis,
        Instant checkedAt,
        Instant since,
        List<ReportedCheck> checks,
        String error) {

    public ServiceHealth {
        checks = List.copyOf(checks);
    }

    static ServiceHealth unknown(String name, String url, Instant now) {
        return new ServiceHealth(name, url, ServiceStatus.UNKNOWN, null, null, now, List.of(), "not probed yet");
    }

    ServiceHealth after(ProbeResult probe) {
        Instant newSince = probe.status() == status ? since : probe.checkedAt();
        Long latency = probe.latency() == null ? null : probe.latency().toMillis();
        return new ServiceHealth(name, url, probe.status(), latency, probe.checkedAt(), newSince, probe.checks(),
                probe.error());
    }
}
