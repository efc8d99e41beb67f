package dev.vigil.alert.state;

import dev.vigil.alert.evaluate.EvaluationListener;
import dev.vigil.alert.evaluate.Rule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/** Counts evaluations, their failures and the state changes they made, per replica. */
final class EvaluationMetrics implements EvaluationListener {

    private final Timer evaluations;
    private final Counter failures;
    private final Counter transitions;

    EvaluationMetrics(MeterRegistry registry) {
        this.evaluations = Timer.builder("vigil.alert.evaluations").description("Rule evaluations that completed")
                .register(registry);
        this.failures = Counter.builder("vigil.alert.evaluation.failures")
                .description("Rule evaluations that failed (query, bus or database)").register(registry);
        this.transitions = Counter.builder("vigil.alert.transitions").description("Alert state changes published")
                .register(registry);
    }

    @Override
    public void evaluated(Rule rule, Duration took, int changes) {
        evaluations.record(took);
        transitions.increment(changes);
    }

    @Override
    public void failed(Rule rule, Exception failure) {
        failures.increment();
    }
}
