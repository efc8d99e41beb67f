package dev.vigil.ingest.pipeline;

import com.google.protobuf.Message;
import dev.vigil.contracts.Signal;
import java.util.List;

/**
 * Runs an export request of a signal through that signal's pipelines. The receive stage publishes
 * each result as its own Kafka records; an empty list means no pipeline kept anything (the signal
 * may be opted out), which is still a success for the sender.
 */
public interface PipelineRouter {
    <R extends Message> List<Routed<R>> route(Signal signal, R request, int items);
}
