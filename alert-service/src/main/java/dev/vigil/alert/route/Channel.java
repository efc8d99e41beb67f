package dev.vigil.alert.route;

import java.time.Instant;
import java.util.Map;

/**
 * A stored notification channel. Its secret is for the notifiers only: the API shows a channel without it, and
 * {@link #toString()} never prints it.
 */
public record Channel(long id, String name, ChannelType type, Map<String, Object> settings, String secret,
                      Instant createdAt, Instant updatedAt) {
    public Channel {
        settings = Map.copyOf(settings);
    }

    @Override
    public String toString() {
        return "Channel[id=" + id + ", name=" + name + ", type=" + type + ", settings=" + settings + ", secret=***]";
    }
}
