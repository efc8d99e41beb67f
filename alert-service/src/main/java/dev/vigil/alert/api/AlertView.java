package dev.vigil.alert.api;

import dev.vigil.alert.evaluate.Alert;

import java.time.Instant;
import java.util.Map;

/** An alert as the API shows it; {@code since} is when its condition started holding. */
public record AlertView(long ruleId, String fingerprint, String state, Instant since, Instant firedAt,
                        Instant resolvedAt, Instant lastEvaluatedAt, double value, Map<String, String> labels,
                        Map<String, String> annotations) {

    static AlertView of(Alert a) {
        return new AlertView(a.ruleId(), a.fingerprint(), a.state().id(), a.activeAt(), a.firedAt(), a.resolvedAt(),
                a.lastEvaluatedAt(), a.value(), a.labels(), a.annotations());
    }
}
