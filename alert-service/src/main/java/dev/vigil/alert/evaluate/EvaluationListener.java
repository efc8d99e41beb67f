package dev.vigil.alert.evaluate;

import java.time.Duration;

/** Told about every evaluation, to count it; must not block. */
public interface EvaluationListener {

    void evaluated(Rule rule, Duration took, int transitions);

    void failed(Rule rule, Exception failure);

    EvaluationListener NONE = new EvaluationListener() {
        @Override
        public void evaluated(Rule rule, Duration took, int transitions) {
        }

        @Override
        public void failed(Rule rule, Exception failure) {
        }
    };
}
