package dev.vigil.alert.event;

import java.time.Instant;
import java.util.Map;

/**
 * The data of an alert state-change event.
 *
 * @param from      the state before the change: inactive, pending, firing, resolved or nodata
 * @param state     the state after it
 * @param activeAt  when the condition started holding in this episode
 * @param firedAt   when the alert started firing; {@code null} if it has not
 * @param resolvedAt when it resolved; {@code null} unless resolved
 */
public record AlertEvent(String id, Instant time, long ruleId, String ruleName, String fingerprint, String from,
                         String state, Instant activeAt, Instant firedAt, Instant resolvedAt, double value,
                         Map<String, String> labels, Map<String, String> annotations) {
    public AlertEvent {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** The identity of the alert across episodes: rule and label set. */
    public String alertKey() {
        return ruleId + ":" + fingerprint;
    }
}
