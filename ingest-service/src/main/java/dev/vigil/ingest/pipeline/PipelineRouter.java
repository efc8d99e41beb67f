package dev.vigil.ingest.pipeline;

import com.google.protobuf.Message;
import dev.vigil.contracts.Signal;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs an export request of a signal through that signal's pipelines. The receive stage publishes
 * each result as its own Kafka records; an empty list means no pipeline kept anything (the signal
 * may be opted out), which is still a success for the sender.
 */
public interface PipelineRouter {

    /**
     * Runs the request through those of the signal's pipelines whose name {@code pipelines} accepts (what the
     * sender's ingest token allows); the others neither see nor count it.
     */
    <R extends Message> List<Routed<R>> route(Signal signal, R request, int items, Predicate<String> pipelines);

    /** Runs the request through every pipeline of the signal. */
    default <R extends Message> List<Routed<R>> route(Signal signal, R request, int items) {
        return route(signal, request, items, pipeline -> true);
    }

    /** The names of the signal's pipelines in force, in order; empty when the signal is opted out. */
    List<String> names(Signal signal);
}
