package dev.vigil.health.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Health events on the bus. */
@ConfigMapping(prefix = "vigil.health.events")
interface EventsConfig {

    /** Off, and status changes go nowhere but the live stream and the log. */
    @WithDefault("true")
    boolean enabled();

    /** The CloudEvents {@code source} of every event. */
    @WithDefault("/vigil/health-service")
    String source();

    /**
     * How long an event may wait for the broker before it is given up. Long on purpose: the change that Kafka
     * went away can only be delivered once it is back.
     */
    @WithDefault("10m")
    Duration deliveryTimeout();
}
