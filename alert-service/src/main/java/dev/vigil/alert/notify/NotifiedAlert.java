package dev.vigil.alert.notify;

import java.time.Instant;
import java.util.Map;

/**
 * One alert as a notification shows it.
 *
 * @param status   {@code firing}, {@code nodata} (its rule's query found no data) or {@code resolved}
 * @param endsAt   when it resolved; {@code null} while firing
 * @param link     where people see the alert in Vigil
 */
public record NotifiedAlert(String status, long ruleId, String ruleName, String fingerprint, double value,
                            Instant startsAt, Instant endsAt, Map<String, String> labels,
                            Map<String, String> annotations, String link) {
    public NotifiedAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
