package dev.vigil.health.events;

import dev.vigil.contracts.event.HealthStatusChanged;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Health events on the bus. How they reach Kafka (topic, acknowledgements, how long a send may wait for the broker)
 * is the messaging channel {@code health-events} in {@code application.properties}.
 */
@ConfigMapping(prefix = "vigil.health.events")
interface EventsConfig {

    /** Off, and status changes go nowhere but the live stream and the log. */
    @WithDefault("true")
    boolean enabled();

    /** The CloudEvents {@code source} of every event. */
    @WithDefault(HealthStatusChanged.SOURCE)
    String source();
}
