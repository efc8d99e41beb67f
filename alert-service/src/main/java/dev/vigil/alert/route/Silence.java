package dev.vigil.alert.route;

import java.time.Instant;

/** A stored silence: between its start and end, alerts its matchers match are not notified. */
public record Silence(long id, SilenceDefinition definition, Instant createdAt, Instant updatedAt) {
}
