package dev.vigil.alert.api;

import dev.vigil.alert.evaluate.Outcome;

import java.util.List;

/**
 * What evaluating a rule now would do.
 *
 * @param alerts      each alert the evaluation looked at, with the state it would take
 * @param transitions the state changes that evaluation would publish, {@code from -> to}
 */
public record EvaluationView(List<AlertView> alerts, List<TransitionView> transitions) {

    public record TransitionView(String fingerprint, String from, String to) {
    }

    static EvaluationView of(Outcome outcome) {
        return new EvaluationView(outcome.alerts().stream().map(AlertView::of).toList(),
                outcome.transitions().stream()
                        .map(t -> new TransitionView(t.alert().fingerprint(), t.from().id(), t.to().id())).toList());
    }

}
