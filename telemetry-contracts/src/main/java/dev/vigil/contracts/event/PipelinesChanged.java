package dev.vigil.contracts.event;

import java.util.List;

/**
 * The {@code data} of a pipelines event on {@code vigil.config}: ingest-service now routes through these pipelines,
 * named per signal.
 */
public record PipelinesChanged(List<String> traces, List<String> metrics, List<String> logs) {

    /** The {@code type} of the event sent after the pipelines file was reloaded. */
    public static final String TYPE = "dev.vigil.pipeline.reloaded";
    /** The {@code source} of pipelines events. */
    public static final String SOURCE = "/vigil/ingest-service/pipelines";
    /** The record key of every pipelines event: one key, so they stay in order. */
    public static final String KEY = "pipelines";

    public PipelinesChanged {
        traces = List.copyOf(traces);
        metrics = List.copyOf(metrics);
        logs = List.copyOf(logs);
    }
}
