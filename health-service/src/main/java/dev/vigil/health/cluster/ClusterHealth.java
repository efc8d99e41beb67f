package dev.vigil.health.cluster;

import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.StatusChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest cluster model. Recomputed from ClickHouse every {@code vigil.health.cluster.refresh-interval}; the
 * API reads the last one and never waits for ClickHouse. When the picture changes it fires a
 * {@link ClusterSnapshot} (the live stream pushes it), and for every node, pod and the cluster as a whole whose
 * status changed, a {@link StatusChange} (published on the bus).
 */
@Startup
@Singleton
public final class ClusterHealth {

    private final ClusterConfig config;
    private final ClusterStore store;
    private final ClusterModel model;
    private final Event<ClusterSnapshot> snapshots;
    private final Event<StatusChange> changes;
    private final Clock clock = Clock.systemUTC();
    private final Counter failedRefreshes;
    private volatile ClusterSnapshot latest;
    private volatile String lastError;

    ClusterHealth(ClusterConfig config, ClusterStore store, Event<ClusterSnapshot> snapshots,
            Event<StatusChange> changes, MeterRegistry metrics) {
        ClusterConfig.validate(config);
        this.config = config;
        this.store = store;
        this.snapshots = snapshots;
        this.changes = changes;
        this.model = new ClusterModel(
                ClusterConfig.thresholds("vigil.health.cluster.cpu", config.cpu().warning(), config.cpu().critical()),
                ClusterConfig.thresholds("vigil.health.cluster.memory", config.memory().warning(),
                        config.memory().critical()));
        this.failedRefreshes = Counter.builder("vigil.health.cluster.refresh.failures")
                .description("Cluster model refreshes that could not read ClickHouse").register(metrics);
    }

    /** The last model computed; empty until the first refresh succeeded. */
    public Optional<ClusterSnapshot> latest() {
        return Optional.ofNullable(latest);
    }

    @Scheduled(identity = "cluster-refresh", every = "${vigil.health.cluster.refresh-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        ClusterData data;
        try {
            data = store.read(config);
        } catch (RuntimeException e) {
            failedRefreshes.increment();
            String error = describe(e);
            if (!java.util.Objects.equals(error, lastError)) {
                // Once per distinct failure, not per refresh.
                Log.warnf("cannot read the cluster's metrics from ClickHouse: %s", error);
                lastError = error;
            }
            return;
        }
        lastError = null;
        update(model.build(data, clock.instant()));
    }

    /** The client's message with its root cause's, which says what actually went wrong. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + ": " + root.getMessage();
    }

    /** Takes a new model, and announces what changed. */
    void update(ClusterSnapshot next) {
        ClusterSnapshot previous = latest;
        latest = next;
        if (next.sameAs(previous)) {
            return;
        }
        for (StatusChange change : changes(previous, next)) {
            changes.fire(change);
        }
        snapshots.fire(next);
    }

    /**
     * The status changes from {@code previous} to {@code next}: of the cluster, every node and every pod. A node or
     * pod seen for the first time counts as a change only when it is not healthy; one that left is not reported.
     */
    static List<StatusChange> changes(ClusterSnapshot previous, ClusterSnapshot next) {
        Instant at = next.report().computedAt();
        List<StatusChange> found = new ArrayList<>();
        HealthStatus before = previous == null ? null : previous.report().status();
        if (before != next.report().status() && (before != null || next.report().status() != HealthStatus.HEALTHY)) {
            found.add(new StatusChange("cluster", before, next.report().status(), List.of(), at));
        }
        Map<String, HealthStatus> nodesBefore = new HashMap<>();
        if (previous != null) {
            previous.nodes().forEach(n -> nodesBefore.put(n.name(), n.status()));
        }
        for (NodeHealth node : next.nodes()) {
            add(found, "cluster/nodes/" + node.name(), nodesBefore.get(node.name()), node.status(), node.reasons(), at);
        }
        Map<String, HealthStatus> podsBefore = new HashMap<>();
        if (previous != null) {
            previous.pods().forEach(p -> podsBefore.put(p.namespace() + "/" + p.name(), p.status()));
        }
        for (PodHealth pod : next.pods()) {
            String key = pod.namespace() + "/" + pod.name();
            add(found, "cluster/pods/" + key, podsBefore.get(key), pod.status(), pod.reasons(), at);
        }
        return found;
    }

    private static void add(List<StatusChange> found, String subject, HealthStatus before, HealthStatus now,
            List<String> reasons, Instant at) {
        if (before == now || (before == null && now == HealthStatus.HEALTHY)) {
            return;
        }
        found.add(new StatusChange(subject, before, now, reasons, at));
    }
}
