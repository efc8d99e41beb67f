package dev.vigil.alert.evaluate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert state machine: from the stored alerts of a rule and what its query measured now, the new
 * states and the changes. Pure; the same inputs always give the same outcome.
 *
 * <ul>
 *   <li>inactive or resolved, condition holds: pending (firing at once when {@code for} is zero);</li>
 *   <li>pending, condition held for {@code for}: firing;</li>
 *   <li>pending, condition no longer holds: inactive;</li>
 *   <li>firing, condition has not held for {@code keep_firing_for}: resolved.</li>
 * </ul>
 * A series the query no longer returns no longer holds the condition.
 */
public final class RuleEvaluation {

    /** The label every alert carries with its rule's name, as in Prometheus. */
    public static final String ALERT_NAME = "alertname";

    private RuleEvaluation() {
    }

    public static Outcome evaluate(Rule rule, List<Alert> stored, List<Sample> samples, Instant now) {
        Map<String, Alert> previous = new LinkedHashMap<>();
        stored.forEach(alert -> previous.put(alert.fingerprint(), alert));
        List<Alert> next = new ArrayList<>();
        List<Transition> transitions = new ArrayList<>();

        Map<String, Sample> violating = new TreeMap<>();
        Map<String, Map<String, String>> labelsOf = new LinkedHashMap<>();
        for (Sample sample : samples) {
            if (rule.spec().violatedBy(sample.value())) {
                Map<String, String> labels = alertLabels(rule, sample.labels());
                String fingerprint = fingerprint(labels);
                violating.put(fingerprint, sample);
                labelsOf.put(fingerprint, labels);
            }
        }

        for (Map.Entry<String, Sample> entry : violating.entrySet()) {
            String fingerprint = entry.getKey();
            double value = entry.getValue().value();
            Map<String, String> labels = labelsOf.get(fingerprint);
            Map<String, String> annotations = Templates.expand(rule.annotations(), value, labels);
            Alert before = previous.remove(fingerprint);
            if (before == null || !before.active()) {
                boolean firesAtOnce = rule.holdFor().isZero();
                Alert alert = new Alert(rule.id(), fingerprint, firesAtOnce ? AlertState.FIRING : AlertState.PENDING,
                        now, firesAtOnce ? now : null, null, now, now, value, labels, annotations);
                next.add(alert);
                transitions.add(transition(rule, AlertState.INACTIVE, alert, now));
            } else if (before.state() == AlertState.PENDING
                    && !Duration.between(before.activeAt(), now).minus(rule.holdFor()).isNegative()) {
                Alert alert = new Alert(rule.id(), fingerprint, AlertState.FIRING, before.activeAt(), now, null, now,
                        now, value, labels, annotations);
                next.add(alert);
                transitions.add(transition(rule, AlertState.PENDING, alert, now));
            } else {
                next.add(new Alert(rule.id(), fingerprint, before.state(), before.activeAt(), before.firedAt(), null,
                        now, now, value, labels, annotations));
            }
        }

        for (Alert before : previous.values()) {
            if (before.state() == AlertState.PENDING) {
                Alert alert = new Alert(rule.id(), before.fingerprint(), AlertState.INACTIVE, before.activeAt(), null,
                        null, before.lastViolationAt(), now, before.value(), before.labels(), before.annotations());
                next.add(alert);
                transitions.add(transition(rule, AlertState.PENDING, alert, now));
            } else if (before.state() == AlertState.FIRING) {
                boolean keepFiring = Duration.between(before.lastViolationAt(), now).compareTo(rule.keepFiringFor()) < 0;
                Alert alert = keepFiring
                        ? new Alert(rule.id(), before.fingerprint(), AlertState.FIRING, before.activeAt(),
                        before.firedAt(), null, before.lastViolationAt(), now, before.value(), before.labels(),
                        before.annotations())
                        : new Alert(rule.id(), before.fingerprint(), AlertState.RESOLVED, before.activeAt(),
                        before.firedAt(), now, before.lastViolationAt(), now, before.value(), before.labels(),
                        before.annotations());
                next.add(alert);
                if (!keepFiring) {
                    transitions.add(transition(rule, AlertState.FIRING, alert, now));
                }
            }
        }
        return new Outcome(next, transitions);
    }

    /** The series' labels, then the rule's (which win), then the rule's name. */
    static Map<String, String> alertLabels(Rule rule, Map<String, String> seriesLabels) {
        Map<String, String> labels = new TreeMap<>(seriesLabels);
        labels.putAll(rule.labels());
        labels.put(ALERT_NAME, rule.name());
        return labels;
    }

    /** A stable identity of a label set: the same labels, in any order, give the same fingerprint. */
    public static String fingerprint(Map<String, String> labels) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> canonical.append(k).append('\u0000').append(v).append('\u0001'));
        return sha256(canonical.toString()).substring(0, 16);
    }

    private static Transition transition(Rule rule, AlertState from, Alert alert, Instant now) {
        String id = sha256(rule.id() + "|" + alert.fingerprint() + "|" + alert.activeAt() + "|" + alert.state().id())
                .substring(0, 32);
        return new Transition(id, rule.name(), from, alert, now);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
