package dev.vigil.demo.cluster;

/**
 * One node of the simulated cluster: what it can give to pods, and what its own system processes use.
 *
 * @param allocatableCpu    cores the scheduler may hand out ({@code k8s.node.allocatable_cpu})
 * @param allocatableMemory bytes the scheduler may hand out ({@code k8s.node.allocatable_memory})
 * @param systemCpu         cores the kubelet, runtime and OS use besides the pods
 * @param systemMemory      bytes the kubelet, runtime and OS use besides the pods
 */
public record NodeSpec(String name, String uid, double allocatableCpu, long allocatableMemory, double systemCpu,
        long systemMemory) {
}
