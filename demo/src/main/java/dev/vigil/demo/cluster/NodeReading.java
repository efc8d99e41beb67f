package dev.vigil.demo.cluster;

/**
 * What one node uses at one tick: its own system processes plus every pod placed on it.
 *
 * @param cpuMillis        CPU in millicores; {@link #cpuCores()} is what the metrics carry
 * @param memoryWorkingSet bytes
 */
public record NodeReading(NodeSpec spec, long cpuMillis, long memoryWorkingSet) {

    public double cpuCores() {
        return cpuMillis / 1000.0;
    }
}
