package dev.vigil.health.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Which services the platform report covers and how they are probed.
 *
 * <p>The default service map ({@code ingest}, {@code query}, {@code alert} on 127.0.0.1) lives in
 * {@code application.properties}, because a map cannot carry defaults here; any entry can be
 * overridden, and more can be added, with {@code vigil.health.services.<name>=<base url>}.
 */
@ConfigMapping(prefix = "vigil.health")
interface PlatformConfig {

    /** Service name to the base URL its readiness endpoint hangs off, e.g. {@code http://ingest:4318}. */
    Map<String, URI> services();

    /** How often every service is probed. */
    @WithDefault("5s")
    Duration probeInterval();

    /** How long one probe may take, connect included, before the service counts as unreachable. */
    @WithDefault("2s")
    Duration probeTimeout();

    /** The readiness path every Vigil service serves (Quarkus SmallRye Health). */
    @WithDefault("/q/health/ready")
    String readinessPath();
}
