package dev.vigil.ingest.pipeline;

import dev.vigil.contracts.Signal;
import java.util.List;
import java.util.Map;

/**
 * Fired (as a CDI event) after a changed pipelines file replaced the pipelines.
 *
 * @param pipelines the names of the pipelines of each signal, in order; an empty list is an opted-out signal
 * @param forwardOutputs the outputs some pipeline forwards to, by name
 */
public record PipelinesReloaded(Map<Signal, List<String>> pipelines, Map<String, ForwardOutput> forwardOutputs) {
    public PipelinesReloaded {
        pipelines = Map.copyOf(pipelines);
        forwardOutputs = Map.copyOf(forwardOutputs);
    }
}
