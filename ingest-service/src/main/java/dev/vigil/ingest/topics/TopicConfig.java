package dev.vigil.ingest.topics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How ingest's topics are created when they do not exist yet. Existing topics are left as they are. */
@ConfigMapping(prefix = "vigil.ingest.topics")
interface TopicConfig {

    /** Off where topics are managed outside Vigil (e.g. by an operator); then nothing is created. */
    @WithDefault("true")
    boolean create();

    /** Partitions of each OTLP topic: the most persist instances that can share a signal's work. */
    @WithDefault("3")
    int partitions();

    /** 1 on one machine; 3 on a production cluster, so an acknowledged record survives a broker's loss. */
    @WithDefault("1")
    short replicationFactor();

    /** How long Kafka keeps the OTLP records: the window in which a stopped persist stage can catch up. */
    @WithDefault("3d")
    Duration retention();

    static void validate(TopicConfig config) {
        if (config.partitions() < 1) {
            throw new IllegalStateException("vigil.ingest.topics.partitions must be at least 1, was " + config.partitions());
        }
        if (config.replicationFactor() < 1) {
            throw new IllegalStateException(
                    "vigil.ingest.topics.replication-factor must be at least 1, was " + config.replicationFactor());
        }
        if (config.retention().compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalStateException("vigil.ingest.topics.retention must be at least 1h, was " + config.retention());
        }
    }
}
