package dev.vigil.ingest.forward;

import dev.vigil.contracts.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The forward stage's counters: items per pipeline with outcome {@code forwarded} or {@code failed}
 * (the same meter as the pipelines' {@code received} and {@code filtered_out}), and requests per output.
 */
final class ForwardMetrics {
    static final String ITEMS = "vigil.pipeline.items";
    static final String REQUESTS = "vigil.forward.requests";

    private final MeterRegistry registry;

    ForwardMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void forwarded(Signal signal, String pipeline, int items) {
        items(signal, pipeline, "forwarded").increment(items);
    }

    void failed(Signal signal, String pipeline, int items) {
        items(signal, pipeline, "failed").increment(items);
    }

    /** One request to an output, with result {@code accepted}, {@code retried} or {@code rejected}. */
    void request(String output, String result) {
        Counter.builder(REQUESTS).tag("output", output).tag("result", result)
                .description("Requests to external OTLP outputs by answer").register(registry).increment();
    }

    private Counter items(Signal signal, String pipeline, String outcome) {
        return Counter.builder(ITEMS).tag("signal", signal.id()).tag("pipeline", pipeline).tag("outcome", outcome)
                .description("Spans, data points and log records per signal, pipeline and outcome")
                .register(registry);
    }
}
