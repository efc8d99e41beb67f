package dev.vigil.demo.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The simulated cluster's shape: 3 nodes and 25 pods in 4 namespaces, with names, placements, requests,
 * limits and average usage all drawn from one seed, so the same seed always yields the same cluster and
 * the same readings at every tick.
 *
 * <p>Every pod but one stays well below its limits (under 70 % of each), and every node well below its
 * allocatable resources. The exception is the first {@code cart} pod in {@code shop}: its memory starts at
 * 70 % of its limit and grows by 4 points a tick up to 98 % (in bytes, rounded up).
 */
public record ClusterPlan(long seed, List<NodeSpec> nodes, List<PodSpec> pods) {

    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;
    // The characters Kubernetes uses for generated name suffixes (no vowels, no look-alikes).
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    public ClusterPlan {
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
    }

    private record Workload(String namespace, String kind, String name, int replicas, double cpuRequest,
            double cpuLimit, long memoryRequest, long memoryLimit) {
    }

    private static final List<Workload> WORKLOADS = List.of(
            new Workload("shop", "deployment", "frontend", 3, 0.1, 0.5, 128 * MIB, 256 * MIB),
            new Workload("shop", "deployment", "cart", 2, 0.1, 0.5, 256 * MIB, 512 * MIB),
            new Workload("shop", "deployment", "catalog", 3, 0.2, 1.0, 256 * MIB, 512 * MIB),
            new Workload("shop", "deployment", "checkout", 2, 0.1, 0.5, 128 * MIB, 256 * MIB),
            new Workload("payments", "deployment", "payment-api", 3, 0.2, 1.0, 256 * MIB, 512 * MIB),
            new Workload("payments", "statefulset", "ledger", 2, 0.5, 2.0, GIB, 2 * GIB),
            new Workload("monitoring", "daemonset", "otel-agent", 3, 0.1, 0.5, 128 * MIB, 256 * MIB),
            new Workload("monitoring", "deployment", "vigil-ingest", 2, 0.5, 2.0, 512 * MIB, GIB),
            // Like the real ones: coredns has a memory limit but no CPU limit, kube-proxy no limits at all.
            new Workload("kube-system", "deployment", "coredns", 2, 0.1, 0, 70 * MIB, 170 * MIB),
            new Workload("kube-system", "daemonset", "kube-proxy", 3, 0.1, 0, 0, 0));

    /** The cluster that {@code seed} describes. */
    public static ClusterPlan generate(long seed) {
        Random random = new Random(seed);
        List<NodeSpec> nodes = List.of(
                new NodeSpec("vigil-demo-node-1", uid(random), 8.0, 32 * GIB, 0.25, GIB),
                new NodeSpec("vigil-demo-node-2", uid(random), 8.0, 32 * GIB, 0.25, GIB),
                new NodeSpec("vigil-demo-node-3", uid(random), 16.0, 64 * GIB, 0.5, 2 * GIB));
        List<PodSpec> pods = new ArrayList<>();
        int nextNode = 0;
        for (Workload w : WORKLOADS) {
            String replicaSet = w.name() + "-" + suffix(random, 10);
            for (int i = 0; i < w.replicas(); i++) {
                String node;
                String name;
                switch (w.kind()) {
                    case "daemonset" -> {
                        node = nodes.get(i % nodes.size()).name();
                        name = w.name() + "-" + suffix(random, 5);
                    }
                    case "statefulset" -> {
                        node = nodes.get(nextNode++ % nodes.size()).name();
                        name = w.name() + "-" + i;
                    }
                    default -> {
                        node = nodes.get(nextNode++ % nodes.size()).name();
                        name = replicaSet + "-" + suffix(random, 5);
                    }
                }
                boolean creeping = w.name().equals("cart") && i == 0;
                pods.add(new PodSpec(w.namespace(), name, uid(random), node, w.kind(), w.name(),
                        w.cpuRequest(), w.cpuLimit(), w.memoryRequest(), w.memoryLimit(),
                        baseCpu(random, w), baseMemory(random, w), creeping ? 3 : 0, creeping));
            }
        }
        return new ClusterPlan(seed, nodes, pods);
    }

    /** What every node and pod uses at {@code tick} (0, 1, 2, …). */
    public ClusterReadings readings(long tick) {
        if (tick < 0) {
            throw new IllegalArgumentException("tick must not be negative, was " + tick);
        }
        List<PodReading> podReadings = new ArrayList<>(pods.size());
        for (int i = 0; i < pods.size(); i++) {
            PodSpec pod = pods.get(i);
            Random jitter = new Random(seed * 31 + tick * 1_000_003 + i);
            long cpuMillis = Math.round(pod.baseCpu() * 1000 * (0.8 + 0.4 * jitter.nextDouble()));
            long memory = pod.creeping()
                    // Rounded up, so that "90 % of the limit" is at least 90 %, as a threshold sees it.
                    ? Math.ceilDiv(pod.memoryLimit() * Math.min(98, 70 + 4 * tick), 100)
                    : Math.round(pod.baseMemory() / (double) MIB * (0.95 + 0.1 * jitter.nextDouble())) * MIB;
            podReadings.add(new PodReading(pod, cpuMillis, memory));
        }
        List<NodeReading> nodeReadings = nodes.stream().map(node -> {
            long cpuMillis = Math.round(node.systemCpu() * 1000);
            long memory = node.systemMemory();
            for (PodReading pod : podReadings) {
                if (pod.spec().node().equals(node.name())) {
                    cpuMillis += pod.cpuMillis();
                    memory += pod.memoryWorkingSet();
                }
            }
            return new NodeReading(node, cpuMillis, memory);
        }).toList();
        return new ClusterReadings(tick, nodeReadings, podReadings);
    }

    /** The pod whose memory creeps towards its limit. */
    public PodSpec creepingPod() {
        return pods.stream().filter(PodSpec::creeping).findFirst().orElseThrow();
    }

    private static double baseCpu(Random random, Workload w) {
        double cores = w.cpuLimit() > 0
                ? w.cpuLimit() * (0.1 + 0.5 * random.nextDouble())
                : w.cpuRequest() * (0.5 + random.nextDouble());
        return Math.round(cores * 1000) / 1000.0;
    }

    private static long baseMemory(Random random, Workload w) {
        long reference = w.memoryLimit() > 0 ? w.memoryLimit() : 64 * MIB;
        return Math.round(reference / (double) MIB * (0.3 + 0.35 * random.nextDouble())) * MIB;
    }

    private static String uid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static String suffix(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return s.toString();
    }
}
