package dev.vigil.health.cluster;

import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.Thresholds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.vigil.health.cluster.K8sMetrics.CONTAINER_CPU_LIMIT;
import static dev.vigil.health.cluster.K8sMetrics.CONTAINER_CPU_REQUEST;
import static dev.vigil.health.cluster.K8sMetrics.CONTAINER_CPU_USAGE;
import static dev.vigil.health.cluster.K8sMetrics.CONTAINER_MEMORY_LIMIT;
import static dev.vigil.health.cluster.K8sMetrics.CONTAINER_MEMORY_REQUEST;
import static dev.vigil.health.cluster.K8sMetrics.CONTAINER_MEMORY_WORKING_SET;
import static dev.vigil.health.cluster.K8sMetrics.CONTAINER_RESTARTS;
import static dev.vigil.health.cluster.K8sMetrics.NODE_ALLOCATABLE_CPU;
import static dev.vigil.health.cluster.K8sMetrics.NODE_ALLOCATABLE_MEMORY;
import static dev.vigil.health.cluster.K8sMetrics.NODE_CONDITION_READY;
import static dev.vigil.health.cluster.K8sMetrics.NODE_CPU_USAGE;
import static dev.vigil.health.cluster.K8sMetrics.NODE_CPU_UTILIZATION;
import static dev.vigil.health.cluster.K8sMetrics.NODE_MEMORY_WORKING_SET;
import static dev.vigil.health.cluster.K8sMetrics.POD_CPU_USAGE;
import static dev.vigil.health.cluster.K8sMetrics.POD_MEMORY_WORKING_SET;
import static dev.vigil.health.cluster.K8sMetrics.POD_PHASE;

/**
 * Builds the cluster model from what ClickHouse returned: pure computation, no I/O, so every rule here is
 * tested on plain values.
 *
 * <p>A pod's usage is its own {@code k8s.pod.*} series when sent, else the sum of its containers'. Its limit is
 * the sum of its containers' limits, and only when every container has one (a container without a limit can take
 * the whole node). A status is the worst of what the thresholds say about CPU and memory against the limit
 * (pods) or allocatable (nodes), of the pod's phase (Failed, Unknown: critical; Pending: warning) and of the
 * node's Ready condition (not ready: critical).
 */
final class ClusterModel {

    private static final String[] PHASES = {null, "Pending", "Running", "Succeeded", "Failed", "Unknown"};

    private final Thresholds cpu;
    private final Thresholds memory;

    ClusterModel(Thresholds cpu, Thresholds memory) {
        this.cpu = cpu;
        this.memory = memory;
    }

    private record PodKey(String namespace, String name) {
    }

    private record WorkloadKey(String namespace, String kind, String name) {
    }

    /** The series of one node or pod, by metric. */
    private static final class Resource {
        final Map<String, LatestSample> latest = new HashMap<>();
        /** Container name to its series by metric. */
        final Map<String, Map<String, LatestSample>> containers = new TreeMap<>();
        final Map<String, List<MinuteSample>> minutes = new HashMap<>();
        final Map<String, Map<String, List<MinuteSample>>> containerMinutes = new HashMap<>();

        long lastSeen() {
            long own = latest.values().stream().mapToLong(LatestSample::atNanos).max().orElse(0);
            long inContainers = containers.values().stream().flatMap(m -> m.values().stream())
                    .mapToLong(LatestSample::atNanos).max().orElse(0);
            return Math.max(own, inContainers);
        }
    }

    ClusterSnapshot build(ClusterData data, Instant now) {
        Map<String, Resource> nodes = new TreeMap<>();
        Map<PodKey, Resource> pods = new TreeMap<>(Comparator.comparing(PodKey::namespace).thenComparing(PodKey::name));
        for (LatestSample sample : data.latest()) {
            Series s = sample.series();
            if (!s.pod().isEmpty()) {
                Resource pod = pods.computeIfAbsent(new PodKey(s.namespace(), s.pod()), _ -> new Resource());
                if (s.container().isEmpty()) {
                    pod.latest.put(s.metric(), sample);
                } else {
                    pod.containers.computeIfAbsent(s.container(), _ -> new HashMap<>()).put(s.metric(), sample);
                }
            } else if (K8sMetrics.isNodeMetric(s.metric()) && !s.node().isEmpty()) {
                nodes.computeIfAbsent(s.node(), _ -> new Resource()).latest.put(s.metric(), sample);
            }
        }
        for (MinuteSample minute : data.minutes()) {
            Series s = minute.series();
            Resource owner = !s.pod().isEmpty() ? pods.get(new PodKey(s.namespace(), s.pod()))
                    : K8sMetrics.isNodeMetric(s.metric()) ? nodes.get(s.node()) : null;
            if (owner == null) {
                continue; // no longer live: not part of the picture
            }
            if (s.container().isEmpty()) {
                owner.minutes.computeIfAbsent(s.metric(), _ -> new ArrayList<>()).add(minute);
            } else {
                owner.containerMinutes.computeIfAbsent(s.container(), _ -> new HashMap<>())
                        .computeIfAbsent(s.metric(), _ -> new ArrayList<>()).add(minute);
            }
        }

        List<PodHealth> podHealth = new ArrayList<>();
        pods.forEach((key, pod) -> podHealth.add(pod(key, pod)));
        List<NodeHealth> nodeHealth = new ArrayList<>();
        nodes.forEach((name, node) -> nodeHealth.add(node(name, node, podHealth)));

        return new ClusterSnapshot(report(now, nodeHealth, podHealth, nodes), nodeHealth, podHealth);
    }

    private PodHealth pod(PodKey key, Resource pod) {
        MinuteSeries cpuSeries = pod.minutes.containsKey(POD_CPU_USAGE)
                ? MinuteSeries.of(pod.minutes.get(POD_CPU_USAGE))
                : MinuteSeries.sum(containerSeries(pod, CONTAINER_CPU_USAGE));
        MinuteSeries memorySeries = pod.minutes.containsKey(POD_MEMORY_WORKING_SET)
                ? MinuteSeries.of(pod.minutes.get(POD_MEMORY_WORKING_SET))
                : MinuteSeries.sum(containerSeries(pod, CONTAINER_MEMORY_WORKING_SET));
        Double cpuUsed = value(pod.latest.get(POD_CPU_USAGE));
        if (cpuUsed == null) {
            cpuUsed = sumContainers(pod, CONTAINER_CPU_USAGE, false);
        }
        Double memoryUsed = value(pod.latest.get(POD_MEMORY_WORKING_SET));
        if (memoryUsed == null) {
            memoryUsed = sumContainers(pod, CONTAINER_MEMORY_WORKING_SET, false);
        }
        Usage cpuUsage = usage(cpuUsed, cpuSeries, sumContainers(pod, CONTAINER_CPU_REQUEST, false),
                sumContainers(pod, CONTAINER_CPU_LIMIT, true), null);
        Usage memoryUsage = usage(memoryUsed, memorySeries, sumContainers(pod, CONTAINER_MEMORY_REQUEST, false),
                sumContainers(pod, CONTAINER_MEMORY_LIMIT, true), null);

        Double phaseValue = value(pod.latest.get(POD_PHASE));
        String phase = phaseValue == null ? null : phaseName(phaseValue);
        Double restarts = sumContainers(pod, CONTAINER_RESTARTS, false);

        Judgement judgement = new Judgement();
        if ("Failed".equals(phase) || "Unknown".equals(phase)) {
            judgement.add(HealthStatus.CRITICAL, "phase " + phase);
        } else if ("Pending".equals(phase)) {
            judgement.add(HealthStatus.WARNING, "phase Pending");
        }
        judgement.ratio(cpu, cpuUsage.utilization(), "CPU at %s of its limit");
        judgement.ratio(memory, memoryUsage.utilization(), "memory at %s of its limit");

        String[] workload = workload(pod, key.name());
        String node = pod.latest.values().stream().map(s -> s.series().node()).filter(n -> !n.isEmpty()).findFirst()
                .orElseGet(() -> pod.containers.values().stream().flatMap(m -> m.values().stream())
                        .map(s -> s.series().node()).filter(n -> !n.isEmpty()).findFirst().orElse(""));
        return new PodHealth(key.namespace(), key.name(), node, workload[0], workload[1], judgement.status,
                judgement.reasons, phase, restarts == null ? null : Math.round(restarts), cpuUsage, memoryUsage,
                instant(pod.lastSeen()), history(cpuSeries, memorySeries));
    }

    private NodeHealth node(String name, Resource node, List<PodHealth> pods) {
        String cpuMetric = node.latest.containsKey(NODE_CPU_USAGE) ? NODE_CPU_USAGE : NODE_CPU_UTILIZATION;
        MinuteSeries cpuSeries = MinuteSeries.of(node.minutes.getOrDefault(cpuMetric, List.of()));
        MinuteSeries memorySeries = MinuteSeries.of(node.minutes.getOrDefault(NODE_MEMORY_WORKING_SET, List.of()));
        List<PodHealth> onNode = pods.stream().filter(p -> p.node().equals(name)).toList();
        Usage cpuUsage = usage(value(node.latest.get(cpuMetric)), cpuSeries,
                sum(onNode, p -> p.cpu().request()), null, value(node.latest.get(NODE_ALLOCATABLE_CPU)));
        Usage memoryUsage = usage(value(node.latest.get(NODE_MEMORY_WORKING_SET)), memorySeries,
                sum(onNode, p -> p.memory().request()), null, value(node.latest.get(NODE_ALLOCATABLE_MEMORY)));
        Double readyValue = value(node.latest.get(NODE_CONDITION_READY));
        Boolean ready = readyValue == null ? null : readyValue >= 1;

        Judgement judgement = new Judgement();
        if (Boolean.FALSE.equals(ready)) {
            judgement.add(HealthStatus.CRITICAL, "not Ready");
        }
        judgement.ratio(cpu, cpuUsage.utilization(), "CPU at %s of allocatable");
        judgement.ratio(memory, memoryUsage.utilization(), "memory at %s of allocatable");
        return new NodeHealth(name, judgement.status, judgement.reasons, ready, onNode.size(), cpuUsage, memoryUsage,
                instant(node.lastSeen()), history(cpuSeries, memorySeries));
    }

    private ClusterReport report(Instant now, List<NodeHealth> nodes, List<PodHealth> pods,
            Map<String, Resource> nodeResources) {
        Map<WorkloadKey, List<PodHealth>> byWorkload = new LinkedHashMap<>();
        Map<String, List<PodHealth>> byNamespace = new TreeMap<>();
        for (PodHealth pod : pods) {
            byWorkload.computeIfAbsent(new WorkloadKey(pod.namespace(), pod.workloadKind(), pod.workload()),
                    _ -> new ArrayList<>()).add(pod);
            byNamespace.computeIfAbsent(pod.namespace(), _ -> new ArrayList<>()).add(pod);
        }
        List<WorkloadHealth> workloads = byWorkload.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(WorkloadKey::namespace)
                        .thenComparing(WorkloadKey::name).thenComparing(WorkloadKey::kind)))
                .map(e -> {
                    List<PodHealth> members = e.getValue();
                    List<String> reasons = members.stream()
                            .flatMap(p -> p.reasons().stream().map(r -> p.name() + ": " + r)).toList();
                    return new WorkloadHealth(e.getKey().namespace(), e.getKey().kind(), e.getKey().name(),
                            worst(members, PodHealth::status), reasons, members.size(),
                            groupUsage(members, PodHealth::cpu, h -> h.cpu()),
                            groupUsage(members, PodHealth::memory, h -> h.memory()));
                }).toList();
        List<NamespaceHealth> namespaces = byNamespace.entrySet().stream().map(e -> {
            List<PodHealth> members = e.getValue();
            int workloadCount = (int) workloads.stream().filter(w -> w.namespace().equals(e.getKey())).count();
            return new NamespaceHealth(e.getKey(), worst(members, PodHealth::status), members.size(), workloadCount,
                    groupUsage(members, PodHealth::cpu, h -> h.cpu()),
                    groupUsage(members, PodHealth::memory, h -> h.memory()));
        }).toList();

        MinuteSeries clusterCpu = MinuteSeries.sum(nodes.stream().map(n -> MinuteSeries.ofHistory(n.history(),
                HistoryPoint::cpu)).toList());
        MinuteSeries clusterMemory = MinuteSeries.sum(nodes.stream().map(n -> MinuteSeries.ofHistory(n.history(),
                HistoryPoint::memory)).toList());
        Usage cpuUsage = usage(sum(nodes, n -> n.cpu().used()), clusterCpu.asGroup(),
                sum(pods, p -> p.cpu().request()), null, sum(nodes, n -> n.cpu().allocatable()));
        Usage memoryUsage = usage(sum(nodes, n -> n.memory().used()), clusterMemory.asGroup(),
                sum(pods, p -> p.memory().request()), null, sum(nodes, n -> n.memory().allocatable()));

        long latest = nodeResources.values().stream().mapToLong(Resource::lastSeen).max().orElse(0);
        for (PodHealth pod : pods) {
            latest = Math.max(latest, nanos(pod.lastSeen()));
        }
        HealthStatus status = worst(nodes, NodeHealth::status).and(worst(pods, PodHealth::status));
        return new ClusterReport(status, now, latest == 0 ? null : instant(latest), nodes.size(), pods.size(),
                count(nodes, NodeHealth::status), count(pods, PodHealth::status), cpuUsage, memoryUsage, namespaces,
                workloads);
    }

    private static Usage groupUsage(List<PodHealth> members, Function<PodHealth, Usage> usage,
            Function<HistoryPoint, Double> historyValue) {
        MinuteSeries series = MinuteSeries.sum(members.stream()
                .map(p -> MinuteSeries.ofHistory(p.history(), historyValue)).toList()).asGroup();
        boolean everyLimit = members.stream().allMatch(p -> usage.apply(p).limit() != null);
        Double limit = everyLimit ? sum(members, p -> usage.apply(p).limit()) : null;
        return usage(sum(members, p -> usage.apply(p).used()), series, sum(members, p -> usage.apply(p).request()),
                limit, null);
    }

    private static Usage usage(Double used, MinuteSeries series, Double request, Double limit, Double allocatable) {
        Double of = limit != null ? limit : allocatable;
        Double utilization = used == null || of == null || of <= 0 ? null : used / of;
        return new Usage(used, series.average(), series.peak(), request, limit, allocatable, utilization);
    }

    private static List<MinuteSeries> containerSeries(Resource pod, String metric) {
        return pod.containerMinutes.values().stream()
                .map(m -> m.get(metric)).filter(Objects::nonNull).map(MinuteSeries::of).toList();
    }

    /**
     * The sum of a metric over the pod's containers; {@code null} when none sent it, or, with {@code every}, when
     * any container of the pod lacks it.
     */
    private static Double sumContainers(Resource pod, String metric, boolean every) {
        if (pod.containers.isEmpty()) {
            return null;
        }
        double sum = 0;
        boolean any = false;
        for (Map<String, LatestSample> container : pod.containers.values()) {
            LatestSample sample = container.get(metric);
            if (sample == null) {
                if (every) {
                    return null;
                }
                continue;
            }
            sum += sample.value();
            any = true;
        }
        return any ? sum : null;
    }

    private static String[] workload(Resource pod, String podName) {
        List<LatestSample> samples = new ArrayList<>(pod.latest.values());
        pod.containers.values().forEach(m -> samples.addAll(m.values()));
        for (LatestSample sample : samples) {
            if (!sample.workloadKind().isEmpty()) {
                return new String[] {sample.workloadKind(), sample.workload()};
            }
        }
        return new String[] {"", podName};
    }

    private static List<HistoryPoint> history(MinuteSeries cpu, MinuteSeries memory) {
        Set<Long> minutes = new TreeSet<>(cpu.minutes().keySet());
        minutes.addAll(memory.minutes().keySet());
        return minutes.stream().map(m -> new HistoryPoint(Instant.ofEpochSecond(m), cpu.minutes().get(m),
                memory.minutes().get(m))).toList();
    }

    private static String phaseName(double value) {
        int phase = (int) value;
        return phase >= 1 && phase < PHASES.length ? PHASES[phase] : "Unknown";
    }

    private static Double value(LatestSample sample) {
        return sample == null ? null : sample.value();
    }

    private static <T> Double sum(List<T> items, Function<T, Double> value) {
        Double sum = null;
        for (T item : items) {
            Double v = value.apply(item);
            if (v != null) {
                sum = sum == null ? v : sum + v;
            }
        }
        return sum;
    }

    private static <T> HealthStatus worst(List<T> items, Function<T, HealthStatus> status) {
        return HealthStatus.worst(items.stream().map(status).toList());
    }

    private static <T> Map<HealthStatus, Integer> count(List<T> items, Function<T, HealthStatus> status) {
        Map<HealthStatus, Integer> counts = new EnumMap<>(HealthStatus.class);
        for (HealthStatus s : HealthStatus.values()) {
            counts.put(s, 0);
        }
        items.stream().collect(Collectors.groupingBy(status, Collectors.counting()))
                .forEach((s, n) -> counts.put(s, n.intValue()));
        return counts;
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Collects a status and the reasons for it. */
    private static final class Judgement {
        HealthStatus status = HealthStatus.HEALTHY;
        final List<String> reasons = new ArrayList<>();

        void add(HealthStatus found, String reason) {
            status = status.and(found);
            reasons.add(reason);
        }

        void ratio(Thresholds thresholds, Double ratio, String format) {
            if (ratio == null) {
                return;
            }
            HealthStatus found = thresholds.judge(ratio);
            if (found != HealthStatus.HEALTHY) {
                add(found, String.format(Locale.ROOT, format, String.format(Locale.ROOT, "%.1f %%", ratio * 100)));
            }
        }
    }
}
