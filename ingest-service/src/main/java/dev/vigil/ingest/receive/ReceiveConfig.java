package dev.vigil.ingest.receive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;

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
     * Whether every export must carry an ingest token ({@code Authorization: Bearer vgi_…}, on gRPC as metadata):
     * without one it is refused (401, {@code UNAUTHENTICATED}) before its body is read. Off only where the network
     * itself admits nobody but trusted senders: then anyone who reaches the ports may write telemetry.
     */
    @WithDefault("true")
    boolean requireToken();

    /**
     * How long verifying an ingest token that is not in the cache may take (PostgreSQL's answer) before the export
     * is refused as retryable (503, {@code UNAVAILABLE}): a PostgreSQL that does not answer must not hold senders
     * until their own time-out.
     */
    @WithDefault("5s")
    Duration tokenLookupTimeout();

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
    @WithDefault("33554432")
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

    /**
     * How records are compressed on their way to Kafka: {@code lz4} saves network and disk between
     * machines; on one machine, {@code none} saves the CPU of compressing in the receiver and
     * decompressing in the broker and the persist stage.
     */
    @WithDefault("lz4")
    String kafkaCompression();

    /** What the receiver lets in at once, before it reads or decodes a request. */
    Admission admission();

    /**
     * Admission bounds what requests hold before their records reach Kafka — their bodies and their
     * decoded form — so that the receiver's memory is set by configuration, not by how many clients
     * send at once (max-in-flight-bytes bounds only the records after decoding).
     */
    interface Admission {
        /**
         * Request bytes held at once, on both transports: an OTLP/HTTP request is counted by its
         * {@code Content-Length} before its body is read (or while it arrives, when it has none), an
         * OTLP/gRPC call by {@code max-request-bytes} until its message is in, then by the message's size.
         * A request that does not fit is refused before its body is read: HTTP 429 with
         * {@code Retry-After}, gRPC {@code RESOURCE_EXHAUSTED} with {@code RetryInfo}. It also sets how
         * many admitted requests may wait in line for a decode slot — {@code max-bytes / max-request-bytes},
         * the line of largest bodies it holds, whatever the bodies' size — and so how long one waits at most.
         * At least {@code max-request-bytes}.
         */
        @WithDefault("16777216")
        long maxBytes();

        /**
         * How many requests are decoded (decompressed, parsed, routed and cut into records) at once.
         * Decoding is where a request's memory multiplies — an OTLP/JSON body of 4 MiB needs tens of
         * megabytes as it is parsed — and it is CPU work that more threads than cores cannot speed up.
         * Unset: the number of processors, at most 2, which is what a heap of 512 MiB holds.
         */
        OptionalInt maxConcurrentDecodes();

        /**
         * How long an OTLP/HTTP request that does not fit waits, its body unread, behind those that came
         * before it, before it is refused (429). Room that comes free goes to the request that waited
         * longest. gRPC calls do not wait (an unread call holds flow-control window its connection's other
         * calls need). 0 refuses at once.
         */
        @WithName("wait")
        @WithDefault("5s")
        Duration waitForRoom();

        /**
         * How often an arriving body is checked for progress. An OTLP/HTTP body that brought fewer than
         * {@code min-body-rate} bytes per second over the last such period is cut off (HTTP 408, the
         * connection closed), so a client trickling a body cannot hold a share of {@code max-bytes} for
         * long, while a slow but steady one — a busy network, a busy receiver — is not. A gRPC message,
         * whose progress gRPC does not show, must arrive in full within this time or the time a largest
         * message takes at {@code min-body-rate}, whichever is longer ({@code DEADLINE_EXCEEDED}).
         */
        @WithDefault("30s")
        Duration bodyTimeout();

        /** The slowest an OTLP/HTTP body may arrive, in bytes per second, measured over each {@code body-timeout}. */
        @WithDefault("16384")
        int minBodyRate();

        default int decodes() {
            return maxConcurrentDecodes().orElse(Math.min(2, Runtime.getRuntime().availableProcessors()));
        }
    }

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
        if (config.admission().maxBytes() < config.maxRequestBytes()) {
            throw new IllegalStateException("vigil.ingest.receive.admission.max-bytes must be at least"
                    + " vigil.ingest.receive.max-request-bytes (" + config.maxRequestBytes() + "), was "
                    + config.admission().maxBytes());
        }
        if (config.admission().decodes() < 1) {
            throw new IllegalStateException("vigil.ingest.receive.admission.max-concurrent-decodes must be at least 1,"
                    + " was " + config.admission().decodes());
        }
        if (config.admission().waitForRoom().isNegative()) {
            throw new IllegalStateException("vigil.ingest.receive.admission.wait must not be negative, was "
                    + config.admission().waitForRoom());
        }
        if (config.admission().bodyTimeout().compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalStateException("vigil.ingest.receive.admission.body-timeout must be at least 100ms, was "
                    + config.admission().bodyTimeout());
        }
        if (config.admission().minBodyRate() < 0) {
            throw new IllegalStateException("vigil.ingest.receive.admission.min-body-rate must not be negative, was "
                    + config.admission().minBodyRate());
        }
        if (config.maxAttributeDepth() < 1 || config.maxAttributeDepth() > 48) {
            throw new IllegalStateException(
                    "vigil.ingest.receive.max-attribute-depth must be between 1 and 48, was " + config.maxAttributeDepth());
        }
        if (config.publishTimeout().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalStateException(
                    "vigil.ingest.receive.publish-timeout must be at least 1s, was " + config.publishTimeout());
        }
        if (config.tokenLookupTimeout().compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalStateException("vigil.ingest.receive.token-lookup-timeout must be at least 100ms, was "
                    + config.tokenLookupTimeout());
        }
        if (config.retryAfter().isNegative()) {
            throw new IllegalStateException(
                    "vigil.ingest.receive.retry-after must not be negative, was " + config.retryAfter());
        }
        if (!Set.of("none", "gzip", "snappy", "lz4", "zstd").contains(config.kafkaCompression())) {
            throw new IllegalStateException("vigil.ingest.receive.kafka-compression must be one of none, gzip, snappy,"
                    + " lz4, zstd; was " + config.kafkaCompression());
        }
        if (config.tenant().isBlank()) {
            throw new IllegalStateException("vigil.ingest.receive.tenant must not be blank");
        }
    }
}
