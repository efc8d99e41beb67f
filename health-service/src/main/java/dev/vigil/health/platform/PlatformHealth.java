package dev.vigil.health.platform;

import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.StatusChange;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest known health of every configured service and of the infrastructure. Probes write to it, the API
 * reads from it; reads never wait for a probe. Validates the service map at start-up so a bad URL stops the
 * service with the setting's name instead of showing up later as a service that is never reachable.
 */
@Startup
@Singleton
final class PlatformHealth {

    /** What {@link #publish()} found: the report, the status changes since the last publish, and whether to push it. */
    record Published(PlatformReport report, List<StatusChange> changes, boolean changed) {
    }

    private final SortedMap<String, URI> services;
    private final ConcurrentMap<String, ServiceHealth> latest = new ConcurrentHashMap<>();
    private volatile KafkaHealth kafka = KafkaHealth.notChecked();
    private volatile ClickHouseHealth clickhouse = ClickHouseHealth.notChecked();
    private volatile PostgresHealth postgres = PostgresHealth.notChecked();
    private volatile IngestHealth ingest;
    private Map<String, HealthStatus> publishedStatuses = Map.of();
    private Map<String, String> publishedErrors = Map.of();

    PlatformHealth(PlatformConfig config, MeterRegistry metrics) {
        this.services = new TreeMap<>(validated(config.services()));
        Instant now = Instant.now();
        services.forEach((name, url) -> {
            latest.put(name, ServiceHealth.unknown(name, url.toString(), now));
            Gauge.builder("vigil.platform.service.up", this, health -> health.isUp(name) ? 1 : 0)
                    .description("1 when the service's last readiness probe found it UP, else 0")
                    .tag("service", name)
                    .register(metrics);
        });
        Gauge.builder("vigil.platform.status", this, health -> health.report().status().ordinal())
                .description("The platform's overall status: 0 healthy, 1 warning, 2 critical")
                .register(metrics);
    }

    /** The services to probe, by name, in name order. */
    SortedMap<String, URI> services() {
        return services;
    }

    void record(String name, ProbeResult probe) {
        latest.compute(name, (_, previous) -> {
            ServiceHealth next = previous.after(probe);
            if (next.status() != previous.status()) {
                // Once per transition, not per probe: a steady state stays quiet in the log.
                if (next.status() == ServiceStatus.UP) {
                    Log.infof("%s is UP (was %s)", name, previous.status());
                } else {
                    Log.warnf("%s is %s (was %s): %s", name, next.status(), previous.status(), next.error());
                }
            }
            return next;
        });
    }

    void record(KafkaHealth kafka) {
        this.kafka = kafka;
    }

    void record(ClickHouseHealth clickhouse) {
        this.clickhouse = clickhouse;
    }

    void record(PostgresHealth postgres) {
        this.postgres = postgres;
    }

    void record(IngestHealth ingest) {
        this.ingest = ingest;
    }

    PlatformReport report() {
        var all = services.keySet().stream().map(latest::get).toList();
        List<HealthStatus> statuses = new ArrayList<>(all.stream().map(s -> s.status().health()).toList());
        statuses.add(kafka.status());
        statuses.add(clickhouse.status());
        statuses.add(postgres.status());
        if (ingest != null) {
            statuses.add(ingest.status());
        }
        return new PlatformReport(HealthStatus.worst(statuses), all, kafka, clickhouse, postgres, ingest);
    }

    /**
     * Takes the current report after a round of probes and says what changed since the last call: every part
     * whose status changed (a part seen for the first time only when it is not healthy), and whether any status
     * or error changed at all.
     */
    synchronized Published publish() {
        PlatformReport report = report();
        Map<String, HealthStatus> statuses = report.statuses();
        Map<String, String> errors = report.errors();
        List<StatusChange> changes = new ArrayList<>();
        Instant at = Instant.now();
        statuses.forEach((subject, status) -> {
            HealthStatus before = publishedStatuses.get(subject);
            if (before != status && (before != null || status != HealthStatus.HEALTHY)) {
                String error = errors.get(subject);
                List<String> reasons = subject.equals("platform")
                        ? errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()
                        : error == null ? List.of() : List.of(error);
                changes.add(new StatusChange(subject, before, status, reasons, at));
            }
        });
        boolean changed = !statuses.equals(publishedStatuses) || !Objects.equals(errors, publishedErrors);
        if (!changes.isEmpty() && changes.getFirst().subject().equals("platform")) {
            StatusChange platform = changes.getFirst();
            Log.infof("platform is %s (was %s)%s", platform.status(), platform.previous(),
                    platform.reasons().isEmpty() ? "" : ": " + String.join("; ", platform.reasons()));
        }
        publishedStatuses = statuses;
        publishedErrors = errors;
        return new Published(report, changes, changed);
    }

    private boolean isUp(String name) {
        return latest.get(name).status() == ServiceStatus.UP;
    }

    private static Map<String, URI> validated(Map<String, URI> services) {
        if (services.isEmpty()) {
            throw new IllegalStateException("vigil.health.services names no service to watch; "
                    + "set vigil.health.services.<name>=<base url>");
        }
        services.forEach((name, url) -> {
            String scheme = url.getScheme();
            if (!url.isAbsolute() || url.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalStateException("vigil.health.services." + name + " must be an http(s) base URL "
                        + "with a host, e.g. http://127.0.0.1:4318, but is " + url);
            }
        });
        return services;
    }
}
