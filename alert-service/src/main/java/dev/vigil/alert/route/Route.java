package dev.vigil.alert.route;

import java.time.Instant;

/** A stored route: alerts whose labels match go to the channel, grouped and timed as its definition says. */
public record Route(long id, RouteDefinition definition, Instant createdAt, Instant updatedAt) {
}
