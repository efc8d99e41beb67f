package dev.vigil.selftelemetry;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Sends every meter of the service (Quarkus's HTTP and JVM meters and Vigil's own) as OTLP metrics to ingest-service
 * when {@code vigil.self-telemetry.endpoint} is set: an OTLP registry joins the registry Quarkus reports to, beside
 * the Prometheus one at {@code /q/metrics}. The resource's {@code service.name} is the application's name, so the
 * metrics of each service are told apart like any application's.
 */
@Singleton
final class SelfTelemetry {

    /** The meter of Quarkus's HTTP server. */
    static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    /**
     * Timers whose latency quantiles the "Vigil itself" dashboard shows: they need the histogram's buckets, 1 ms to
     * 30 s, which Micrometer leaves out unless asked.
     */
    static final Set<String> LATENCIES = Set.of(HTTP_SERVER_REQUESTS, "vigil.ingest.publish.duration");

    private final SelfTelemetryConfig config;
    private final String service;
    private OtlpMeterRegistry registry;

    SelfTelemetry(SelfTelemetryConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.config = config;
        this.service = service;
    }

    void startSending(@Observes StartupEvent start) {
        config.endpoint().ifPresent(endpoint -> {
            registry = registry(endpoint, config.token(), config.interval(), service,
                    System.getenv().getOrDefault("HOSTNAME", ""));
            Metrics.globalRegistry.add(registry);
            Log.infof("own metrics sent as OTLP to %s every %s", endpoint, config.interval());
        });
    }

    void stopSending(@Observes ShutdownEvent stop) {
        if (registry != null) {
            Metrics.globalRegistry.remove(registry);
            // Sends what was counted since the last sending.
            registry.close();
        }
    }

    /**
     * An OTLP registry sending to {@code endpoint}'s {@code /v1/metrics} every {@code interval}, with {@code token} as
     * its bearer credential when present.
     */
    static OtlpMeterRegistry registry(URI endpoint, Optional<String> token, Duration interval, String service,
            String instance) {
        Map<String, String> settings = Map.of(
                "otlp.url", endpoint.resolve("/v1/metrics").toString(),
                "otlp.step", interval.toString(),
                "otlp.resourceAttributes", "service.name=" + service + ",service.namespace=vigil"
                        + (instance.isEmpty() ? "" : ",service.instance.id=" + instance));
        Map<String, String> headers = token.map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of());
        OtlpConfig otlp = new OtlpConfig() {
            @Override
            public String get(String key) {
                return settings.get(key);
            }

            // Given here rather than as "otlp.headers": without a token Micrometer would otherwise take the headers from
            // the environment's OTEL_EXPORTER_OTLP_HEADERS, which belongs to whatever else runs there.
            @Override
            public Map<String, String> headers() {
                return headers;
            }
        };
        OtlpMeterRegistry registry = new OtlpMeterRegistry(otlp, Clock.SYSTEM);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig distribution) {
                if (!LATENCIES.contains(id.getName())) {
                    return distribution;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) TimeUnit.MILLISECONDS.toNanos(1))
                        .maximumExpectedValue((double) TimeUnit.SECONDS.toNanos(30))
                        .build().merge(distribution);
            }
        });
        return registry;
    }
}
