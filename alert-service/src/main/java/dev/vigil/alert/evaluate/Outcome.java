package dev.vigil.alert.evaluate;

import java.util.List;

/**
 * The result of one evaluation of one rule.
 *
 * @param alerts      the new state of every alert the evaluation looked at
 * @param transitions the state changes among them, in a stable order
 */
public record Outcome(List<Alert> alerts, List<Transition> transitions) {
    public Outcome {
        alerts = List.copyOf(alerts);
        transitions = List.copyOf(transitions);
    }
}
