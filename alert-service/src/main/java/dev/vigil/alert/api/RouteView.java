package dev.vigil.alert.api;

import dev.vigil.alert.route.Route;
import dev.vigil.alert.route.RouteDefinition;

import java.time.Instant;
import java.util.List;

/** A route as the API shows it. */
public record RouteView(long id, String name, long channelId, List<Requests.MatcherBody> matchers, List<String> groupBy,
                        long groupWaitSeconds, long groupIntervalSeconds, long repeatIntervalSeconds, Instant createdAt,
                        Instant updatedAt) {

    static RouteView of(Route r) {
        RouteDefinition d = r.definition();
        return new RouteView(r.id(), d.name(), d.channelId(),
                d.matchers().stream().map(m -> new Requests.MatcherBody(m.label(), m.op().symbol(), m.value())).toList(),
                d.groupBy(), d.groupWait().getSeconds(), d.groupInterval().getSeconds(), d.repeatInterval().getSeconds(),
                r.createdAt(), r.updatedAt());
    }
}
