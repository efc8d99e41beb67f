package dev.vigil.ingest.pipeline;

import dev.vigil.contracts.Signal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipelines of every signal, the outputs they may forward to, and the system namespaces: what a
 * valid pipelines file says, or the defaults when there is none.
 */
record PipelineFile(Set<String> systemNamespaces, Map<String, ForwardOutput> outputs,
        Map<Signal, List<PipelineSpec>> pipelines) {
    static final String DEFAULT_PIPELINE = "default";

    PipelineFile {
        systemNamespaces = Set.copyOf(systemNamespaces);
        outputs = Map.copyOf(outputs);
        EnumMap<Signal, List<PipelineSpec>> copy = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            copy.put(signal, List.copyOf(pipelines.getOrDefault(signal, List.of())));
        }
        pipelines = copy;
    }

    /** Without a file: every signal stored whole, except the system namespaces. */
    static PipelineFile defaults(List<String> systemNamespaces) {
        PipelineSpec storeAll = new PipelineSpec(DEFAULT_PIPELINE, Selection.EVERYTHING, Selection.EVERYTHING,
                Set.of(), Set.of(), true, List.of());
        Map<Signal, List<PipelineSpec>> pipelines = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            pipelines.put(signal, List.of(storeAll));
        }
        return new PipelineFile(Set.copyOf(systemNamespaces), Map.of(), pipelines);
    }

    Map<Signal, List<String>> names() {
        Map<Signal, List<String>> names = new EnumMap<>(Signal.class);
        pipelines.forEach((signal, specs) -> names.put(signal, specs.stream().map(PipelineSpec::name).toList()));
        return names;
    }

    /** The outputs that at least one pipeline forwards to; unused ones need no consumer. */
    Map<String, ForwardOutput> forwardOutputs() {
        Map<String, ForwardOutput> used = new LinkedHashMap<>();
        pipelines.values().forEach(specs -> specs.forEach(spec -> spec.forward()
                .forEach(name -> used.put(name, outputs.get(name)))));
        return used;
    }
}
