package dev.vigil.access.verify;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an ingest token lets its holder send: the signals ({@code traces}, {@code metrics}, {@code logs}) and, when it
 * is limited to some, the pipelines their data may take. It grants no API role.
 *
 * @param name the token's name ({@value IngestTokenLookup#BOOTSTRAP} for the configured token)
 * @param pipelines empty: every pipeline; else only these pipeline names
 */
public record IngestGrant(String name, Set<String> signals, Optional<Set<String>> pipelines) {

    /** The signals a token may name, as the access table and OTLP's paths spell them. */
    public static final Set<String> SIGNALS = Set.of("traces", "metrics", "logs");

    public IngestGrant {
        signals = Set.copyOf(signals);
        pipelines = pipelines.map(Set::copyOf);
    }

    /** A grant of every signal and every pipeline. */
    public static IngestGrant everything(String name) {
        return new IngestGrant(name, SIGNALS, Optional.empty());
    }

    public boolean allowsSignal(String signal) {
        return signals.contains(signal);
    }

    public boolean allowsPipeline(String pipeline) {
        return pipelines.map(names -> names.contains(pipeline)).orElse(true);
    }

    /**
     * Of a signal's pipelines in force, those this grant's data may take, in their order. Empty when the grant is
     * limited to pipelines none of which is among them: such a request must be refused, not quietly dropped.
     */
    public List<String> pipelinesOf(List<String> signalPipelines) {
        return signalPipelines.stream().filter(this::allowsPipeline).toList();
    }
}
