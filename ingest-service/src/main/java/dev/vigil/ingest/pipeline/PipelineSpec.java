package dev.vigil.ingest.pipeline;

import java.util.List;
import java.util.Set;

/** One pipeline as the file defines it. */
record PipelineSpec(String name, Selection include, Selection exclude, Set<String> drop, Set<String> redact,
        boolean store, List<String> forward) {
    PipelineSpec {
        drop = Set.copyOf(drop);
        redact = Set.copyOf(redact);
        forward = List.copyOf(forward);
    }
}
