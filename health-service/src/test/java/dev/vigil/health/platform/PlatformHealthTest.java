package dev.vigil.health.platform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.StatusChange;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
    void startsWithEveryPartUnknownAndThePlatformAWarning() {
        PlatformHealth health = new PlatformHealth(config(Map.of("query", URI.create("http://q:8080"),
                "alert", URI.create("http://a:8082"))), new SimpleMeterRegistry());

        PlatformReport report = health.report();

        assertThat(report.status()).isEqualTo(HealthStatus.WARNING);
        assertThat(report.services()).extracting(ServiceHealth::name).containsExactly("alert", "query");
        assertThat(report.services()).extracting(ServiceHealth::status).containsOnly(ServiceStatus.UNKNOWN);
        assertThat(report.kafka().error()).isEqualTo("not checked yet");
        assertThat(report.ingest()).isNull();
    }

    @Test
    void isAsBadAsItsWorstPart() {
        PlatformHealth health = allHealthy();
        assertThat(health.report().status()).isEqualTo(HealthStatus.HEALTHY);

        health.record(new ClickHouseHealth(HealthStatus.WARNING, "400 active parts in one partition", 1L, 500L, 400L,
                10.0, T0));
        assertThat(health.report().status()).isEqualTo(HealthStatus.WARNING);

        health.record("ingest", probe(ServiceStatus.DOWN, T0));
        assertThat(health.report().status()).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void publishesEachStatusChangeOnceAndTheFirstSightOnlyWhenNotHealthy() {
        PlatformHealth health = allHealthy();
        PlatformHealth.Published first = health.publish();
        assertThat(first.changes()).isEmpty();
        assertThat(first.changed()).isTrue();

        health.record(new KafkaHealth(HealthStatus.CRITICAL, "unreachable", null, List.of(), T0));
        PlatformHealth.Published down = health.publish();
        assertThat(down.changes()).extracting(StatusChange::subject, StatusChange::previous, StatusChange::status)
                .containsExactly(
                        tuple("platform", HealthStatus.HEALTHY, HealthStatus.CRITICAL),
                        tuple("platform/kafka", HealthStatus.HEALTHY, HealthStatus.CRITICAL));
        assertThat(down.changes().getFirst().reasons()).containsExactly("platform/kafka: unreachable");
        assertThat(down.changes().get(1).reasons()).containsExactly("unreachable");

        PlatformHealth.Published steady = health.publish();
        assertThat(steady.changes()).isEmpty();
        assertThat(steady.changed()).isFalse();

        health.record(new KafkaHealth(HealthStatus.HEALTHY, null, 1, List.of(), T0));
        assertThat(health.publish().changes()).extracting(StatusChange::subject, StatusChange::status)
                .containsExactly(tuple("platform", HealthStatus.HEALTHY), tuple("platform/kafka", HealthStatus.HEALTHY));
    }

    private static PlatformHealth allHealthy() {
        PlatformHealth health = new PlatformHealth(config(Map.of("ingest", URI.create("http://i:4318"))),
                new SimpleMeterRegistry());
        health.record("ingest", probe(ServiceStatus.UP, T0));
        health.record(new KafkaHealth(HealthStatus.HEALTHY, null, 1, List.of(), T0));
        health.record(new ClickHouseHealth(HealthStatus.HEALTHY, null, 1L, 10L, 2L, null, T0));
        health.record(new PostgresHealth(HealthStatus.HEALTHY, null, 3L, T0));
        return health;
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
        assertThat(health.report().services().getFirst().status().health()).isEqualTo(HealthStatus.CRITICAL);
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

            @Override
            public Kafka kafka() {
                return null;
            }

            @Override
            public ClickHouse clickhouse() {
                return null;
            }

            @Override
            public Postgres postgres() {
                return null;
            }

            @Override
            public Ingest ingest() {
                return null;
            }
        };
    }
}
