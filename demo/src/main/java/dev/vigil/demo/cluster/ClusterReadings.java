package dev.vigil.demo.cluster;

import java.util.List;
import java.util.NoSuchElementException;

/** Every node's and pod's usage at one tick: exactly the values the simulator sends for that tick. */
public record ClusterReadings(long tick, List<NodeReading> nodes, List<PodReading> pods) {

    public ClusterReadings {
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
    }

    public NodeReading node(String name) {
        return nodes.stream().filter(n -> n.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no node " + name));
    }

    public PodReading pod(String namespace, String name) {
        return pods.stream().filter(p -> p.spec().namespace().equals(namespace) && p.spec().name().equals(name))
                .findFirst().orElseThrow(() -> new NoSuchElementException("no pod " + namespace + "/" + name));
    }
}
