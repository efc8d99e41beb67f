package dev.vigil.alert.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.notify.DeliveryResult;
import dev.vigil.alert.notify.JsonPost;
import dev.vigil.alert.notify.Notification;
import dev.vigil.alert.notify.NotifiedAlert;
import dev.vigil.alert.notify.Notifier;
import dev.vigil.alert.notify.Target;

import java.util.Map;

/**
 * POSTs Alertmanager's webhook payload (version 4) to the channel's URL, with the notification's
 * idempotency key in the {@code Idempotency-Key} header so a receiver can drop a repeat delivery.
 */
public final class WebhookNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonPost http;

    public WebhookNotifier(JsonPost http) {
        this.http = http;
    }

    @Override
    public DeliveryResult send(Notification notification, Target target) {
        try {
            return http.post(target.secret(), JSON.writeValueAsBytes(payload(notification)),
                    Map.of("Idempotency-Key", notification.idempotencyKey()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new DeliveryResult.Failed(false, 0, null, "cannot encode the payload: " + e.getOriginalMessage());
        }
    }

    static ObjectNode payload(Notification n) {
        ObjectNode p = JSON.createObjectNode();
        p.put("version", "4");
        p.put("groupKey", n.groupKey());
        p.put("truncatedAlerts", 0);
        p.put("status", n.status());
        p.put("receiver", n.receiver());
        strings(p.putObject("groupLabels"), n.groupLabels());
        strings(p.putObject("commonLabels"), n.commonLabels());
        strings(p.putObject("commonAnnotations"), n.commonAnnotations());
        p.put("externalURL", n.externalUrl());
        ArrayNode alerts = p.putArray("alerts");
        for (NotifiedAlert a : n.alerts()) {
            ObjectNode alert = alerts.addObject();
            // Alertmanager knows firing and resolved only: an alert without data wants attention, so it fires,
            // and says why in vigilState.
            alert.put("status", a.status().equals("resolved") ? "resolved" : "firing");
            alert.put("vigilState", a.status());
            strings(alert.putObject("labels"), a.labels());
            strings(alert.putObject("annotations"), a.annotations());
            alert.put("startsAt", a.startsAt().toString());
            // Alertmanager's zero time for an alert that has not ended.
            alert.put("endsAt", a.endsAt() == null ? "0001-01-01T00:00:00Z" : a.endsAt().toString());
            alert.put("generatorURL", a.link());
            alert.put("fingerprint", a.fingerprint());
        }
        return p;
    }

    private static void strings(ObjectNode node, Map<String, String> values) {
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> node.put(e.getKey(), e.getValue()));
    }
}
