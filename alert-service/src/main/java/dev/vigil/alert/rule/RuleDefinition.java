package dev.vigil.alert.rule;

import dev.vigil.alert.condition.NoData;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rule as a person defines it, already valid. Callers that take user input check it against the
 * limits here first and report each problem by field; the constructor is the last line of defence
 * and rejects an invalid definition outright.
 *
 * @param spec                 the kind-specific part (query, threshold, quantile, ...)
 * @param intervalSeconds      how often the rule is evaluated
 * @param forSeconds           how long the condition must hold before the alert fires
 * @param keepFiringForSeconds how long the alert keeps firing after the condition clears
 * @param labels               attached to every alert the rule raises; used for routing and grouping
 * @param annotations          free text attached to the alerts: summary, description, runbook
 * @param noData               what the rule's alerts become when its query finds no data
 */
public record RuleDefinition(
        String name,
        RuleKind kind,
        Map<String, Object> spec,
        int intervalSeconds,
        int forSeconds,
        int keepFiringForSeconds,
        Map<String, String> labels,
        Map<String, String> annotations,
        boolean enabled,
        NoData noData) {

    public static final int MAX_NAME_LENGTH = 255;
    public static final int MIN_INTERVAL_SECONDS = 1;
    public static final int MAX_INTERVAL_SECONDS = 86_400;
    public static final int DEFAULT_INTERVAL_SECONDS = 60;
    /** Prometheus' label name syntax, so labels survive the trip to Alertmanager-style receivers. */
    public static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public RuleDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(noData, "noData");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (intervalSeconds < MIN_INTERVAL_SECONDS || intervalSeconds > MAX_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("intervalSeconds out of range: " + intervalSeconds);
        }
        if (forSeconds < 0 || keepFiringForSeconds < 0) {
            throw new IllegalArgumentException("forSeconds and keepFiringForSeconds must not be negative");
        }
        labels.keySet().forEach(label -> {
            if (!LABEL_NAME.matcher(label).matches()) {
                throw new IllegalArgumentException("not a label name: " + label);
            }
        });
        // Not Map.copyOf: a spec may legitimately hold JSON nulls.
        spec = Collections.unmodifiableMap(new LinkedHashMap<>(spec));
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
