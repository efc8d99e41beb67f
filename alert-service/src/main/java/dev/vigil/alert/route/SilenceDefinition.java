package dev.vigil.alert.route;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A silence as people define it; {@code createdBy} is the author. */
public record SilenceDefinition(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                                String comment) {
    public SilenceDefinition {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty() || !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a silence needs matchers and an end after its start");
        }
    }

    public boolean silences(Map<String, String> labels, Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt) && Matcher.all(matchers, labels);
    }
}
