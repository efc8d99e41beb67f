package dev.vigil.contracts.event;

import java.time.Instant;
import java.util.Map;

/**
 * The {@code data} of an alert event on {@code vigil.alerts}: one alert changed state. The event's {@code id} is
 * derived from the rule, the label set, the episode's start and the new state, so the same change published twice
 * has the same id; its {@code time} is when the change was computed.
 *
 * @param from       the state before the change: inactive, pending, firing, resolved or nodata
 * @param state      the state after it
 * @param activeAt   when the condition started holding in this episode
 * @param firedAt    when the alert started firing; {@code null} if it has not
 * @param resolvedAt when it resolved; {@code null} unless resolved
 */
public record AlertStateChanged(long ruleId, String ruleName, String fingerprint, String from, String state,
                                Instant activeAt, Instant firedAt, Instant resolvedAt, double value,
                                Map<String, String> labels, Map<String, String> annotations) {

    /** The {@code source} of every alert event. */
    public static final String SOURCE = "/vigil/alert-service";
    /** Followed by the new state: {@code dev.vigil.alert.firing}, {@code dev.vigil.alert.resolved}, ... */
    public static final String TYPE_PREFIX = "dev.vigil.alert.";

    public AlertStateChanged {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** The event's {@code type}. */
    public String type() {
        return TYPE_PREFIX + state;
    }

    /** The event's {@code subject}: the alert, by rule and label set. */
    public String subject() {
        return "rules/" + ruleId + "/alerts/" + fingerprint;
    }

    /** The record key, the identity of the alert across episodes, so that one alert's changes stay in order. */
    public String alertKey() {
        return ruleId + ":" + fingerprint;
    }
}
