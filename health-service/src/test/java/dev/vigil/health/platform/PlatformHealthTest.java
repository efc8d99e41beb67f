package dev.vigil.health.platform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformHealthTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void refusesToStartWithoutServices() {
        assertThatThrownBy(() -> new PlatformHealth(config(Map.of()), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vigil.health.services");
    }

    @Test
    void refusesToStartWithAUrlThatIsNotHttpAndNamesTheSetting() {
        assertThatThrownBy(() -> new PlatformHealth(
                config(Map.of("ingest", URI.create("http://127.0.0.1:4318"), "query", URI.create("localhost:8080"))),
                new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vigil.health.services.query");
    }

    @Test
    void startsWithEveryServiceUnknownAndThePlatformDown() {
        PlatformHealth health = new PlatformHealth(config(Map.of("query", URI.create("http://q:8080"),
                "alert", URI.create("http://a:8082"))), new SimpleMeterRegistry());

        PlatformReport report = health.report();

        assertThat(report.status()).isEqualTo(PlatformStatus.DOWN);
        assertThat(report.services()).extracting(ServiceHealth::name).containsExactly("alert", "query");
        assertThat(report.services()).extracting(ServiceHealth::status).containsOnly(ServiceStatus.UNKNOWN);
    }

    @Test
    void keepsSinceWhileTheStatusHoldsAndMovesItOnATransition() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        PlatformHealth health = new PlatformHealth(config(Map.of("ingest", URI.create("http://i:4318"))), metrics);

        health.record("ingest", probe(ServiceStatus.UP, T0));
        health.record("ingest", probe(ServiceStatus.UP, T0.plusSeconds(5)));
        ServiceHealth stillUp = health.report().services().getFirst();
        assertThat(stillUp.since()).isEqualTo(T0);
        assertThat(stillUp.checkedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(metrics.get("vigil.platform.service.up").tag("service", "ingest").gauge().value()).isEqualTo(1.0);

        health.record("ingest", probe(ServiceStatus.UNREACHABLE, T0.plusSeconds(10)));
        ServiceHealth unreachable = health.report().services().getFirst();
        assertThat(unreachable.since()).isEqualTo(T0.plusSeconds(10));
        assertThat(unreachable.latencyMillis()).isNull();
        assertThat(health.report().status()).isEqualTo(PlatformStatus.DOWN);
        assertThat(metrics.get("vigil.platform.service.up").tag("service", "ingest").gauge().value()).isEqualTo(0.0);
    }

    private static ProbeResult probe(ServiceStatus status, Instant at) {
        return status == ServiceStatus.UNREACHABLE
                ? new ProbeResult(status, List.of(), null, at, "connection refused")
                : new ProbeResult(status, List.of(), Duration.ofMillis(3), at, null);
    }

    private static PlatformConfig config(Map<String, URI> services) {
        return new PlatformConfig() {
            @Override
            public Map<String, URI> services() {
                return services;
            }

            @Override
            public Duration probeInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration probeTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public String readinessPath() {
                return "/q/health/ready";
            }
        };
    }
}
