package dev.vigil.health.platform;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * Probes every service's readiness on a fixed interval, all in parallel. A round that is still
 * running when the next is due is not overlapped: the next one is skipped.
 */
@Singleton
final class PlatformProber {

    private final PlatformHealth health;
    private final ReadinessProber prober;

    PlatformProber(PlatformHealth health, ReadinessProber prober) {
        this.health = health;
        this.prober = prober;
    }

    @Scheduled(identity = "platform-probe", every = "${vigil.health.probe-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> probeAll() {
        var probes = health.services().entrySet().stream()
                .map(service -> prober.probe(service.getValue())
                        .invoke(result -> health.record(service.getKey(), result)))
                .toList();
        return Uni.join().all(probes).andCollectFailures().replaceWithVoid();
    }
}
