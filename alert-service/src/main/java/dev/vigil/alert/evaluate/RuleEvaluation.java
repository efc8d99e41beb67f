package dev.vigil.alert.evaluate;

import dev.vigil.alert.condition.NoData;

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
 *   <li>firing, condition has not held for {@code keep_firing_for}: resolved;</li>
 *   <li>pending or firing, the query found no data at all: nodata (when the rule says so, the default);</li>
 *   <li>nodata, data again: firing if it had fired and the condition holds, pending (or firing, once held for
 *       {@code for} since it became active) if it had not; resolved when the condition does not hold.</li>
 * </ul>
 * When the query returns some series but not this one, this series no longer holds the condition. When it returns
 * none at all, there is no data, which is not the same: a stalled ingest must not resolve what fires.
 */
public final class RuleEvaluation {

    /** The label every alert carries with its rule's name, as in Prometheus. */
    public static final String ALERT_NAME = "alertname";

    private RuleEvaluation() {
    }

    public static Outcome evaluate(Rule rule, List<Alert> stored, List<Sample> samples, Instant now) {
        if (samples.isEmpty() && rule.noData() != NoData.OK) {
            return noData(rule, stored, now);
        }
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
            if (before != null && before.state() == AlertState.NODATA) {
                // Data is back and the condition holds: the episode goes on where it was.
                boolean fires = before.firedAt() != null
                        || !Duration.between(before.activeAt(), now).minus(rule.holdFor()).isNegative();
                Alert alert = new Alert(rule.id(), fingerprint, fires ? AlertState.FIRING : AlertState.PENDING,
                        before.activeAt(), fires ? (before.firedAt() != null ? before.firedAt() : now) : null, null,
                        now, now, value, labels, annotations);
                next.add(alert);
                transitions.add(transition(rule, AlertState.NODATA, alert, now, before.lastViolationAt()));
            } else if (before == null || !before.active()) {
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
            if (before.state() == AlertState.NODATA) {
                // Data is back and this series does not hold the condition: the episode ends, notified as resolved.
                Alert alert = new Alert(rule.id(), before.fingerprint(), AlertState.RESOLVED, before.activeAt(),
                        before.firedAt(), now, before.lastViolationAt(), now, before.value(), before.labels(),
                        before.annotations());
                next.add(alert);
                transitions.add(transition(rule, AlertState.NODATA, alert, now, before.lastViolationAt()));
            } else if (before.state() == AlertState.PENDING) {
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

    /**
     * The query found no data at all. With {@link NoData#NODATA}, pending and firing alerts go to nodata (and stay
     * there, unchanged, while there is none); with {@link NoData#KEEP_STATE}, nothing changes.
     */
    private static Outcome noData(Rule rule, List<Alert> stored, Instant now) {
        List<Alert> next = new ArrayList<>();
        List<Transition> transitions = new ArrayList<>();
        if (rule.noData() == NoData.NODATA) {
            for (Alert before : stored) {
                if (before.active()) {
                    Alert alert = new Alert(rule.id(), before.fingerprint(), AlertState.NODATA, before.activeAt(),
                            before.firedAt(), null, before.lastViolationAt(), now, before.value(), before.labels(),
                            before.annotations());
                    next.add(alert);
                    transitions.add(transition(rule, before.state(), alert, now, before.lastViolationAt()));
                }
            }
        }
        transitions.sort(java.util.Comparator.comparing(t -> t.alert().fingerprint()));
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
        return transition(rule, from, alert, now, null);
    }

    /**
     * @param lastViolation for changes into and out of nodata, which can happen more than once in an episode: the
     *                      last violation before, as stored, tells them apart and is the same when the change is
     *                      computed again
     */
    private static Transition transition(Rule rule, AlertState from, Alert alert, Instant now, Instant lastViolation) {
        String identity = rule.id() + "|" + alert.fingerprint() + "|" + alert.activeAt() + "|" + alert.state().id()
                + (lastViolation == null ? "" : "|" + from.id() + "|" + lastViolation);
        return new Transition(sha256(identity).substring(0, 32), rule.name(), from, alert, now);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
