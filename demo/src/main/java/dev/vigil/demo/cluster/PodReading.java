package dev.vigil.demo.cluster;

/**
 * What one pod uses at one tick.
 *
 * @param cpuMillis        CPU in millicores; {@link #cpuCores()} is what the metrics carry
 * @param memoryWorkingSet bytes
 */
public record PodReading(PodSpec spec, long cpuMillis, long memoryWorkingSet) {

    public double cpuCores() {
        return cpuMillis / 1000.0;
    }
}
