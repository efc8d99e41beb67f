package dev.vigil.alert.route;

import java.time.Duration;
import java.util.List;

/**
 * A route as people define it, in Alertmanager's terms.
 *
 * @param matchers       all must match an alert's labels; none matches every alert
 * @param groupBy        labels whose values split the route's alerts into groups, one notification stream each
 * @param groupWait      how long a new group waits for more alerts before its first notification
 * @param groupInterval  how long a group waits after a notification before notifying about changes
 * @param repeatInterval how long after a notification the same firing alerts are notified again
 */
public record RouteDefinition(String name, long channelId, List<Matcher> matchers, List<String> groupBy,
                              Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    public RouteDefinition {
        matchers = List.copyOf(matchers);
        groupBy = List.copyOf(groupBy);
    }
}
