package dev.vigil.ingest.receive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The receive stage: OTLP in, Kafka out. */
@ConfigMapping(prefix = "vigil.ingest.receive")
interface ReceiveConfig {

    /** Off in a Deployment that only persists; the OTLP endpoints then answer 404 and no producer is made. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The largest Kafka record the receiver writes. Requests are cut into records no larger than this,
     * so it must stay below the broker's {@code message.max.bytes} (1 MiB unless changed) with room
     * for headers.
     */
    @WithDefault("900000")
    int maxRecordBytes();

    /** How long Kafka may take to acknowledge an export before the client is told to retry. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** The {@code Retry-After} sent with a retryable refusal. */
    @WithDefault("5s")
    Duration retryAfter();

    /** The tenant written on every record; one installation is one tenant for now. */
    @WithDefault("default")
    String tenant();

    static void validate(ReceiveConfig config) {
        if (config.maxRecordBytes() < 16 * 1024 || config.maxRecordBytes() > 64 * 1024 * 1024) {
            throw new IllegalStateException("vigil.ingest.receive.max-record-bytes must be between 16384 and 67108864,"
                    + " was " + config.maxRecordBytes());
        }
        if (config.publishTimeout().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalStateException(
                    "vigil.ingest.receive.publish-timeout must be at least 1s, was " + config.publishTimeout());
        }
        if (config.retryAfter().isNegative()) {
            throw new IllegalStateException(
                    "vigil.ingest.receive.retry-after must not be negative, was " + config.retryAfter());
        }
        if (config.tenant().isBlank()) {
            throw new IllegalStateException("vigil.ingest.receive.tenant must not be blank");
        }
    }
}
