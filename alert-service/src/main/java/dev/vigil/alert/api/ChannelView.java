package dev.vigil.alert.api;

import dev.vigil.alert.route.Channel;

import java.time.Instant;

/** A channel as the API shows it: never its secret, only that one is set. */
public record ChannelView(long id, String name, String type, String eventsUrl, boolean secretSet, Instant createdAt,
                          Instant updatedAt) {

    static ChannelView of(Channel c) {
        Object eventsUrl = c.settings().get("eventsUrl");
        return new ChannelView(c.id(), c.name(), c.type().id(), eventsUrl == null ? null : eventsUrl.toString(), true,
                c.createdAt(), c.updatedAt());
    }
}
