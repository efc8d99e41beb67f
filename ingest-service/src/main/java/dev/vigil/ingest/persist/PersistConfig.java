package dev.vigil.ingest.persist;

import dev.vigil.contracts.ConsumerGroups;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The persist stage: Kafka to ClickHouse. */
@ConfigMapping(prefix = "vigil.ingest.persist")
interface PersistConfig {

    /** Off in a Deployment that only receives; then nothing here touches Kafka or ClickHouse. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The consumer groups are this prefix and the signal ({@code vigil-persist-traces},
     * {@code -metrics}, {@code -logs}); instances with the same groups share the partitions.
     */
    @WithDefault(ConsumerGroups.PERSIST_PREFIX)
    String groupIdPrefix();

    /** A partition's batch is inserted once it holds this many rows (spans, log records, data points) … */
    @WithDefault("50000")
    int batchItems();

    /**
     * … or once its records' values come to this many bytes: a batch holds them beside their encoded rows until it is
     * stored, about 2.3 times this, so each consumer's batches take about that much heap.
     */
    @WithDefault("12582912")
    long batchBytes();

    /** … or once its first record waited this long, whichever comes first. */
    @WithDefault("1s")
    Duration linger();

    /**
     * Consumers per signal, each with its own thread, in the signal's group: Kafka gives each a share
     * of the partitions, so one consumer's insert into ClickHouse overlaps another's decoding. More
     * than the topic's partitions leaves the extra ones idle.
     */
    @WithDefault("3")
    int consumers();

    /** At most this many records per poll of the consumer. */
    @WithDefault("500")
    int maxPollRecords();

    /**
     * The first wait after a failed insert; each further failure doubles it up to {@link #retryMaxBackoff()}, less a
     * random share of up to a half.
     */
    @WithDefault("200ms")
    Duration retryInitialBackoff();

    @WithDefault("30s")
    Duration retryMaxBackoff();

    static void validate(PersistConfig config) {
        if (config.batchItems() < 1) {
            throw new IllegalStateException("vigil.ingest.persist.batch-items must be at least 1, was " + config.batchItems());
        }
        if (config.batchBytes() < 1) {
            throw new IllegalStateException("vigil.ingest.persist.batch-bytes must be at least 1, was " + config.batchBytes());
        }
        if (config.groupIdPrefix().isBlank()) {
            throw new IllegalStateException("vigil.ingest.persist.group-id-prefix must not be blank");
        }
        if (config.consumers() < 1 || config.consumers() > 64) {
            throw new IllegalStateException("vigil.ingest.persist.consumers must be between 1 and 64, was "
                    + config.consumers());
        }
        if (config.maxPollRecords() < 1) {
            throw new IllegalStateException(
                    "vigil.ingest.persist.max-poll-records must be at least 1, was " + config.maxPollRecords());
        }
        if (config.linger().isNegative() || config.linger().isZero()) {
            throw new IllegalStateException("vigil.ingest.persist.linger must be positive, was " + config.linger());
        }
        if (config.retryInitialBackoff().isNegative() || config.retryInitialBackoff().isZero()
                || config.retryMaxBackoff().compareTo(config.retryInitialBackoff()) < 0) {
            throw new IllegalStateException("vigil.ingest.persist.retry-initial-backoff must be positive and at most"
                    + " vigil.ingest.persist.retry-max-backoff, were " + config.retryInitialBackoff() + " and "
                    + config.retryMaxBackoff());
        }
    }
}
