package dev.vigil.alert.notify.pagerduty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.notify.DeliveryResult;
import dev.vigil.alert.notify.JsonPost;
import dev.vigil.alert.notify.Notification;
import dev.vigil.alert.notify.NotifiedAlert;
import dev.vigil.alert.notify.Notifier;
import dev.vigil.alert.notify.Target;

import java.util.Locale;
import java.util.Map;

/**
 * Sends a PagerDuty Events API v2 event: {@code trigger} while the group fires, {@code resolve} once it
 * no longer does, both with the group's stable {@code dedup_key} so PagerDuty keeps one incident per group.
 * The secret is the integration's routing key; {@code eventsUrl} in the settings overrides the endpoint.
 */
public final class PagerDutyNotifier implements Notifier {

    public static final String DEFAULT_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
    static final int MAX_SUMMARY = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonPost http;

    public PagerDutyNotifier(JsonPost http) {
        this.http = http;
    }

    @Override
    public DeliveryResult send(Notification notification, Target target) {
        String url = String.valueOf(target.settings().getOrDefault("eventsUrl", DEFAULT_EVENTS_URL));
        try {
            return http.post(url, JSON.writeValueAsBytes(event(notification, target.secret())), Map.of());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new DeliveryResult.Failed(false, 0, null, "cannot encode the event: " + e.getOriginalMessage());
        }
    }

    static ObjectNode event(Notification n, String routingKey) {
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("event_action", n.firing() ? "trigger" : "resolve");
        event.put("dedup_key", n.dedupKey());
        if (!n.firing()) {
            return event; // PagerDuty ignores a payload on resolve
        }
        Map<String, String> common = n.commonLabels();
        ObjectNode payload = event.putObject("payload");
        String summary = "[FIRING:" + n.firingAlerts().size() + "] " + common.getOrDefault("alertname", n.receiver())
                + n.firingAlerts().stream().findFirst()
                .map(a -> a.annotations().containsKey("summary") ? ": " + a.annotations().get("summary") : "").orElse("");
        payload.put("summary", summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…");
        payload.put("source", common.getOrDefault("service", "vigil"));
        payload.put("severity", severity(common.get("severity")));
        payload.put("component", common.getOrDefault("service", ""));
        payload.put("group", n.groupKey());
        payload.put("class", common.getOrDefault("alertname", ""));
        ObjectNode details = payload.putObject("custom_details");
        details.put("firing", n.firingAlerts().size());
        details.put("resolved", n.resolvedAlerts().size());
        ArrayNode alerts = details.putArray("alerts");
        for (NotifiedAlert a : n.firingAlerts()) {
            ObjectNode alert = alerts.addObject();
            alert.put("rule", a.ruleName());
            alert.put("value", a.value());
            alert.put("since", a.startsAt().toString());
            alert.put("link", a.link());
            ObjectNode labels = alert.putObject("labels");
            a.labels().forEach(labels::put);
            ObjectNode annotations = alert.putObject("annotations");
            a.annotations().forEach(annotations::put);
        }
        ArrayNode links = event.putArray("links");
        n.firingAlerts().stream().findFirst().ifPresent(a -> links.addObject().put("href", a.link()).put("text", "Vigil"));
        return event;
    }

    /** PagerDuty knows critical, error, warning and info; labels like {@code page} map onto them. */
    static String severity(String label) {
        if (label == null) {
            return "error";
        }
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "critical", "page", "fatal" -> "critical";
            case "warning", "warn", "ticket" -> "warning";
            case "info", "informational" -> "info";
            default -> "error";
        };
    }
}
