package dev.vigil.query.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where alert- and health-service answer. An absent address switches that service's paths off here (they stay
 * 404s), so query-service runs alone when nothing else does.
 */
@ConfigMapping(prefix = "vigil.query.gateway")
public interface GatewayConfig {

    /** alert-service's base address, e.g. {@code http://127.0.0.1:8082}. */
    Optional<URI> alertUrl();

    /** health-service's base address, e.g. {@code http://127.0.0.1:8083}. */
    Optional<URI> healthUrl();

    /** How long to wait for the service to accept the connection; past it the caller gets a 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** How long the service may take to start its answer. Streams (server-sent events) are not cut once started. */
    @WithDefault("30s")
    Duration answerTimeout();
}
