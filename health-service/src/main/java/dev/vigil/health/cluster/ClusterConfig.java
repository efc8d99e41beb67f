package dev.vigil.health.cluster;

import dev.vigil.health.status.Thresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the cluster's health is computed, and when a node or pod counts as in trouble. */
@ConfigMapping(prefix = "vigil.health.cluster")
public interface ClusterConfig {

    /** How often the model is recomputed from ClickHouse; changes are pushed to the stream and the bus then. */
    @WithDefault("10s")
    Duration refreshInterval();

    /** A node or pod whose latest sample is older than this has left the cluster (or its collector has). */
    @WithDefault("5m")
    Duration staleAfter();

    /** How far back the averages, peaks and per-minute history reach. */
    @WithDefault("1h")
    Duration history();

    /** CPU used against the limit (pods) or allocatable CPU (nodes). */
    Level cpu();

    /** Memory working set against the limit (pods) or allocatable memory (nodes); at the limit a pod is OOM-killed. */
    MemoryLevel memory();

    interface Level {
        @WithDefault("0.8")
        double warning();

        @WithDefault("0.95")
        double critical();
    }

    interface MemoryLevel {
        @WithDefault("0.8")
        double warning();

        @WithDefault("0.9")
        double critical();
    }

    /** Fails with a message naming the setting when a value cannot work. */
    static void validate(ClusterConfig config) {
        positive("vigil.health.cluster.refresh-interval", config.refreshInterval());
        positive("vigil.health.cluster.stale-after", config.staleAfter());
        if (config.history().toMinutes() < 1) {
            throw new IllegalStateException("vigil.health.cluster.history must be at least 1m, was " + config.history());
        }
        thresholds("vigil.health.cluster.cpu", config.cpu().warning(), config.cpu().critical());
        thresholds("vigil.health.cluster.memory", config.memory().warning(), config.memory().critical());
    }

    static Thresholds thresholds(String key, double warning, double critical) {
        try {
            return new Thresholds(warning, critical);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ".warning must be positive and at most " + key + ".critical, were "
                    + warning + " and " + critical, e);
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(key + " must be positive, was " + value);
        }
    }
}
