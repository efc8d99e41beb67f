package dev.vigil.query.dependency;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The service graph of a time range. */
@Schema(name = "DependencyGraph")
public record DependencyGraph(List<Node> nodes, List<Edge> edges) {

    /** A service, or something services call. */
    @Schema(name = "DependencyNode")
    public record Node(
            @Schema(description = "Unique in the graph: a service's name, or KIND:NAME for the others",
                    examples = "database:postgresql")
            String id,
            String name,
            @Schema(description = "service, database, queue or external") String kind,
            @Schema(description = "Spans of the service in the range; null for what is not a traced service",
                    nullable = true)
            Long spans,
            @Schema(description = "Spans with status ERROR; null for what is not a traced service", nullable = true)
            Long errors) {
    }

    /** The calls from one node to another. */
    @Schema(name = "DependencyEdge")
    public record Edge(
            @Schema(description = "Node id of the caller") String source,
            @Schema(description = "Node id of the callee") String target,
            long calls,
            @Schema(description = "Calls whose caller or callee span has status ERROR") long errors,
            @Schema(description = "Latency of the calls as the caller saw them") Latency latencyMs) {
    }

    /** Quantiles of call duration, in milliseconds. */
    @Schema(name = "EdgeLatency")
    public record Latency(double p50, double p95, double p99) {
    }
}
