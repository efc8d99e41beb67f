package dev.vigil.ingest.receive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The receive stage: OTLP in over gRPC and HTTP, Kafka out. */
@ConfigMapping(prefix = "vigil.ingest.receive")
interface ReceiveConfig {

    /**
     * Off in a Deployment that only persists: the OTLP/HTTP paths then answer 404, the gRPC services
     * {@code UNIMPLEMENTED}, and no producer is made.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The largest request body accepted, in bytes, on both transports. It bounds the body as sent and,
     * for a gzip body, the body once decompressed, so a small compressed body cannot expand without
     * limit. The gRPC server's largest inbound message is set to the same value.
     */
    @WithDefault("4194304")
    int maxRequestBytes();

    /**
     * The largest Kafka record the receiver writes. Requests are cut into records no larger than this,
     * so it must stay below the broker's {@code message.max.bytes} (1 MiB unless changed) with room
     * for headers.
     */
    @WithDefault("900000")
    int maxRecordBytes();

    /**
     * How many bytes of records may wait for Kafka's acknowledgement at once. A request that would go
     * over it is refused as retryable (HTTP 429, gRPC {@code RESOURCE_EXHAUSTED}) rather than queued, so
     * a slow Kafka turns into back-pressure on the senders instead of memory held by the receiver.
     */
    @WithDefault("67108864")
    long maxInFlightBytes();

    /**
     * How deep {@code AnyValue}s (attribute values, log bodies) may nest: a scalar is 1, an array of
     * scalars 2. Deeper requests are refused; the parsers' own nesting limits are derived from it, which is
     * why it is at most 48: OTLP/JSON then stays within the JSON reader's fixed limit of 255 levels.
     */
    @WithDefault("32")
    int maxAttributeDepth();

    /** How long Kafka may take to acknowledge an export before the client is told to retry. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** The {@code Retry-After} (and gRPC {@code RetryInfo}) sent with a retryable refusal. */
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
        if (config.maxRequestBytes() < 1024 || config.maxRequestBytes() > 256 * 1024 * 1024) {
            throw new IllegalStateException("vigil.ingest.receive.max-request-bytes must be between 1024 and 268435456,"
                    + " was " + config.maxRequestBytes());
        }
        if (config.maxInFlightBytes() < config.maxRequestBytes()) {
            throw new IllegalStateException("vigil.ingest.receive.max-in-flight-bytes must be at least"
                    + " vigil.ingest.receive.max-request-bytes (" + config.maxRequestBytes() + "), was "
                    + config.maxInFlightBytes());
        }
        if (config.maxAttributeDepth() < 1 || config.maxAttributeDepth() > 48) {
            throw new IllegalStateException(
                    "vigil.ingest.receive.max-attribute-depth must be between 1 and 48, was " + config.maxAttributeDepth());
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
