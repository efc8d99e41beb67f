package dev.vigil.alert.route;

import java.util.Map;

/**
 * A channel as people define it.
 *
 * @param settings what is not secret, e.g. {@code eventsUrl} of PagerDuty
 * @param secret   the webhook URL or routing key; {@code null} on an update that keeps the stored one
 */
public record ChannelDefinition(String name, ChannelType type, Map<String, Object> settings, String secret) {
    public ChannelDefinition {
        settings = Map.copyOf(settings);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ChannelDefinition[name=" + name + ", type=" + type + ", settings=" + settings + ", secret=***]";
    }
}
