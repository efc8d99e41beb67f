package dev.vigil.selftelemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where and how often a Vigil service sends its own metrics; the same settings in every service. */
@ConfigMapping(prefix = "vigil.self-telemetry")
public interface SelfTelemetryConfig {

    /**
     * ingest-service's OTLP/HTTP address, e.g. {@code http://127.0.0.1:4318}; metrics go to its {@code /v1/metrics}.
     * Absent (the default, and in tests): nothing is sent.
     */
    Optional<URI> endpoint();

    /**
     * The ingest token sent as {@code Authorization: Bearer <token>} with every export, as ingest-service asks of any
     * client. Absent: no header (an ingest-service that requires tokens then refuses the metrics).
     */
    Optional<String> token();

    /** How often the metrics are sent: each sending carries every meter's value at that moment. */
    @WithDefault("30s")
    Duration interval();
}
