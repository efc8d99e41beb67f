package dev.vigil.alert.evaluate;

import java.time.Instant;
import java.util.Map;

/**
 * The state of one alert: one rule and one label set.
 *
 * @param fingerprint     identifies the label set within the rule
 * @param activeAt        when the condition started holding in the current episode
 * @param firedAt         when it started firing; {@code null} unless it fired in this episode
 * @param resolvedAt      when it resolved; {@code null} unless resolved
 * @param lastViolationAt the last evaluation at which the condition held
 * @param value           the value measured at the last evaluation that saw the series
 */
public record Alert(long ruleId, String fingerprint, AlertState state, Instant activeAt, Instant firedAt,
                    Instant resolvedAt, Instant lastViolationAt, Instant lastEvaluatedAt, double value,
                    Map<String, String> labels, Map<String, String> annotations) {
    public Alert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** Pending or firing. */
    public boolean active() {
        return state == AlertState.PENDING || state == AlertState.FIRING;
    }
}
