package dev.vigil.ingest.pipeline;

import com.google.protobuf.Message;
import java.util.List;

/**
 * What one pipeline made of one export request: the part of it the pipeline kept (already filtered
 * and with attributes dropped or redacted), whether Vigil stores it, and the external outputs it is
 * forwarded to.
 *
 * @param items the number of spans, data points or log records in {@code request}
 */
public record Routed<R extends Message>(String pipeline, R request, int items, boolean store, List<String> forwardTo) {
    public Routed {
        forwardTo = List.copyOf(forwardTo);
    }
}
