package dev.vigil.health.cluster;

import java.time.Instant;

/** One minute of a node's or pod's usage: the averages of the samples within it, {@code null} where none arrived. */
public record HistoryPoint(Instant minute, Double cpu, Double memory) {
}
