package dev.vigil.alert.notify;

import java.util.Map;

/**
 * Where a notifier sends: the channel's secret (webhook URL or routing key) and its other settings.
 * {@link #toString()} never shows the secret, so a target can be logged.
 */
public record Target(long channelId, String channelName, String secret, Map<String, Object> settings) {
    public Target {
        settings = Map.copyOf(settings);
    }

    @Override
    public String toString() {
        return "Target[channel=" + channelId + " " + channelName + ", settings=" + settings + ", secret=***]";
    }
}
