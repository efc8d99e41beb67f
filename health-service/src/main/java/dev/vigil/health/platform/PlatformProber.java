package dev.vigil.health.platform;

import dev.vigil.health.status.StatusChange;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Probes every service's readiness and every piece of infrastructure on a fixed interval, all in parallel, then
 * announces what changed: a {@link StatusChange} per part whose status changed (published on the bus) and the
 * {@link PlatformReport} when any status or error changed (pushed to the live stream). A round that is still
 * running when the next is due is not overlapped: the next one is skipped.
 */
@Singleton
final class PlatformProber {

    private final PlatformHealth health;
    private final ReadinessProber prober;
    private final KafkaCheck kafka;
    private final ClickHouseCheck clickhouse;
    private final PostgresCheck postgres;
    private final IngestCheck ingest;
    private final Event<StatusChange> changes;
    private final Event<PlatformReport> reports;

    PlatformProber(PlatformHealth health, ReadinessProber prober, KafkaCheck kafka, ClickHouseCheck clickhouse,
            PostgresCheck postgres, IngestCheck ingest, Event<StatusChange> changes, Event<PlatformReport> reports) {
        this.health = health;
        this.prober = prober;
        this.kafka = kafka;
        this.clickhouse = clickhouse;
        this.postgres = postgres;
        this.ingest = ingest;
        this.changes = changes;
        this.reports = reports;
    }

    @Scheduled(identity = "platform-probe", every = "${vigil.health.probe-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> probeAll() {
        List<Uni<Void>> probes = new ArrayList<>();
        health.services().forEach((name, url) -> probes.add(prober.probe(url)
                .invoke(result -> health.record(name, result)).replaceWithVoid()));
        probes.add(blocking(kafka::check, health::record));
        probes.add(blocking(clickhouse::check, health::record));
        probes.add(blocking(postgres::check, health::record));
        if (ingest.configured()) {
            probes.add(blocking(ingest::check, health::record));
        }
        return Uni.join().all(probes).andCollectFailures()
                .onItemOrFailure().invoke((_, _) -> announce())
                .replaceWithVoid();
    }

    private void announce() {
        PlatformHealth.Published published = health.publish();
        published.changes().forEach(changes::fire);
        if (published.changed()) {
            reports.fire(published.report());
        }
    }

    private static <T> Uni<Void> blocking(Supplier<T> check, Consumer<T> record) {
        return Uni.createFrom().item(check).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).invoke(record)
                .replaceWithVoid();
    }
}
