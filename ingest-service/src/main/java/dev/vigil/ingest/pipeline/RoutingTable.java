package dev.vigil.ingest.pipeline;

import com.google.protobuf.Message;
import dev.vigil.contracts.Signal;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One set of pipelines, ready to route: immutable, so that a reload swaps a whole table and a request
 * is routed by one table from start to end.
 */
final class RoutingTable {
    /** The {@code pipeline} tag of what an opted-out signal dropped: no pipeline name can look like it. */
    static final String NO_PIPELINE = "(none)";

    private final PipelineFile file;
    private final Map<Signal, List<Pipeline>> pipelines = new EnumMap<>(Signal.class);
    private final Map<Signal, Pipeline> optedOut = new EnumMap<>(Signal.class);
    private final Map<Signal, List<String>> names = new EnumMap<>(Signal.class);

    RoutingTable(PipelineFile file, MeterRegistry registry) {
        this.file = file;
        for (Signal signal : Signal.values()) {
            List<Pipeline> compiled = new ArrayList<>();
            for (PipelineSpec spec : file.pipelines().get(signal)) {
                compiled.add(new Pipeline(signal, spec, file.systemNamespaces(), registry));
            }
            pipelines.put(signal, List.copyOf(compiled));
            names.put(signal, compiled.stream().map(Pipeline::name).toList());
            if (compiled.isEmpty()) {
                optedOut.put(signal, new Pipeline(signal, new PipelineSpec(NO_PIPELINE, Selection.EVERYTHING,
                        Selection.EVERYTHING, java.util.Set.of(), java.util.Set.of(), false, List.of()),
                        file.systemNamespaces(), registry));
            }
        }
    }

    PipelineFile file() {
        return file;
    }

    /** The names of the signal's pipelines, in order; empty when it is opted out. */
    List<String> names(Signal signal) {
        return names.get(signal);
    }

    <R extends Message> List<Routed<R>> route(Signal signal, R request, int items) {
        return route(signal, request, items, pipeline -> true);
    }

    /** Through those of the signal's pipelines whose name {@code allowed} accepts; the others do not count it. */
    <R extends Message> List<Routed<R>> route(Signal signal, R request, int items, Predicate<String> allowed) {
        List<Pipeline> signalPipelines = pipelines.get(signal);
        if (signalPipelines.isEmpty()) {
            optedOut.get(signal).count(items, 0);
            return List.of();
        }
        List<Routed<R>> routed = new ArrayList<>(signalPipelines.size());
        for (Pipeline pipeline : signalPipelines) {
            if (!allowed.test(pipeline.name())) {
                continue;
            }
            Filtered<R> filtered = filter(signal, pipeline, request);
            pipeline.count(filtered.total(), filtered.kept());
            if (filtered.kept() > 0) {
                routed.add(new Routed<>(pipeline.name(), filtered.request(), filtered.kept(), pipeline.spec().store(),
                        pipeline.spec().forward()));
            }
        }
        return routed;
    }

    @SuppressWarnings("unchecked")
    private static <R extends Message> Filtered<R> filter(Signal signal, Pipeline pipeline, R request) {
        Object filtered = switch (signal) {
            case TRACES -> TraceFilter.apply(pipeline, cast(request, ExportTraceServiceRequest.class, signal));
            case METRICS -> MetricFilter.apply(pipeline, cast(request, ExportMetricsServiceRequest.class, signal));
            case LOGS -> LogFilter.apply(pipeline, cast(request, ExportLogsServiceRequest.class, signal));
        };
        return (Filtered<R>) filtered;
    }

    private static <T> T cast(Message request, Class<T> type, Signal signal) {
        if (!type.isInstance(request)) {
            throw new IllegalArgumentException("a " + signal.id() + " export must be a " + type.getSimpleName()
                    + ", was a " + request.getClass().getSimpleName());
        }
        return type.cast(request);
    }
}
