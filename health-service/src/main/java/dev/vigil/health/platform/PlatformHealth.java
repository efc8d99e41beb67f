package dev.vigil.health.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest known health of every configured service. Probes write to it, the API reads from it;
 * reads never wait for a probe. Validates the service map at start-up so a bad URL stops the service
 * with the setting's name instead of showing up later as a service that is never reachable.
 */
@Startup
@Singleton
final class PlatformHealth {

    private final SortedMap<String, URI> services;
    private final ConcurrentMap<String, ServiceHealth> latest = new ConcurrentHashMap<>();

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

    PlatformReport report() {
        var all = services.keySet().stream().map(latest::get).toList();
        return new PlatformReport(PlatformStatus.of(all.stream().map(ServiceHealth::status).toList()), all);
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
