package dev.vigil.alert.api;

import dev.vigil.alert.route.Silence;
import dev.vigil.alert.route.SilenceDefinition;

import java.time.Instant;
import java.util.List;

/** A silence as the API shows it; {@code active} says whether it silences now. */
public record SilenceView(long id, List<Requests.MatcherBody> matchers, Instant startsAt, Instant endsAt,
                          String createdBy, String comment, boolean active, Instant createdAt, Instant updatedAt) {

    static SilenceView of(Silence s) {
        SilenceDefinition d = s.definition();
        Instant now = Instant.now();
        return new SilenceView(s.id(),
                d.matchers().stream().map(m -> new Requests.MatcherBody(m.label(), m.op().symbol(), m.value())).toList(),
                d.startsAt(), d.endsAt(), d.createdBy(), d.comment(), !now.isBefore(d.startsAt()) && now.isBefore(d.endsAt()),
                s.createdAt(), s.updatedAt());
    }
}
