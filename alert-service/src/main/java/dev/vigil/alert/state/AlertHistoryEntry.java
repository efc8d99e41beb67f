package dev.vigil.alert.state;

import java.time.Instant;
import java.util.Map;

/** One recorded state change of an alert, as {@code alert_history} keeps it. */
public record AlertHistoryEntry(String eventId, long ruleId, String ruleName, String fingerprint, String fromState,
                                String toState, Instant at, double value, Map<String, String> labels,
                                Map<String, String> annotations) {
    public AlertHistoryEntry {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
