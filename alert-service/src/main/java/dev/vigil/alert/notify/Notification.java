package dev.vigil.alert.notify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one notification of one alert group says, whatever the integration.
 *
 * @param idempotencyKey unique per notification; sent along where the integration accepts one
 * @param groupKey       the group's labels, e.g. {@code {alertname="errors",service="checkout"}}
 * @param dedupKey       stable for the group across notifications: PagerDuty's {@code dedup_key}
 * @param status         {@code firing} while any alert of the group fires (or has no data), then {@code resolved}
 * @param receiver       the route's name
 * @param alerts         the firing and nodata alerts, then the alerts resolved since the last notification
 */
public record Notification(String idempotencyKey, String groupKey, String dedupKey, String status, String receiver,
                           Map<String, String> groupLabels, List<NotifiedAlert> alerts, String externalUrl) {
    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
    }

    public boolean firing() {
        return "firing".equals(status);
    }

    /** The alerts that want attention: firing, and nodata (whose rule found no data, so may well fire unseen). */
    public List<NotifiedAlert> firingAlerts() {
        return alerts.stream().filter(a -> !"resolved".equals(a.status())).toList();
    }

    public List<NotifiedAlert> resolvedAlerts() {
        return alerts.stream().filter(a -> "resolved".equals(a.status())).toList();
    }

    /** The labels every alert of the notification has, with the same value. */
    public Map<String, String> commonLabels() {
        return common(alerts.stream().map(NotifiedAlert::labels).toList());
    }

    public Map<String, String> commonAnnotations() {
        return common(alerts.stream().map(NotifiedAlert::annotations).toList());
    }

    private static Map<String, String> common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new HashMap<>(maps.getFirst());
        maps.forEach(m -> common.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey()))));
        return Map.copyOf(common);
    }
}
