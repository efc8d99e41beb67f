package dev.vigil.ingest.forward;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The forward stage: Kafka to external OTLP endpoints. */
@ConfigMapping(prefix = "vigil.ingest.forward")
interface ForwardConfig {

    /** Off in a Deployment that must not forward (another one does); no consumer is made then. */
    @WithDefault("true")
    boolean enabled();

    /** The wait before the first retry of a request the endpoint did not accept; it doubles up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** The longest {@code Retry-After} honoured as asked; a longer one is cut to this. */
    @WithDefault("5m")
    Duration maxRetryAfter();

    /** Records fetched per poll: an upper bound on what is sent again after a crash. */
    @WithDefault("200")
    int maxPollRecords();

    static void validate(ForwardConfig config) {
        if (config.initialBackoff().compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalStateException("vigil.ingest.forward.initial-backoff must be at least 10ms, was "
                    + config.initialBackoff());
        }
        if (config.maxBackoff().compareTo(config.initialBackoff()) < 0) {
            throw new IllegalStateException("vigil.ingest.forward.max-backoff must be at least"
                    + " vigil.ingest.forward.initial-backoff (" + config.initialBackoff() + "), was " + config.maxBackoff());
        }
        if (config.maxRetryAfter().isNegative()) {
            throw new IllegalStateException("vigil.ingest.forward.max-retry-after must not be negative, was "
                    + config.maxRetryAfter());
        }
        if (config.maxPollRecords() < 1) {
            throw new IllegalStateException("vigil.ingest.forward.max-poll-records must be at least 1, was "
                    + config.maxPollRecords());
        }
    }
}
