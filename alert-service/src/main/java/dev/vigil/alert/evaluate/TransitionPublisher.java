package dev.vigil.alert.evaluate;

import java.util.List;

/** Announces state changes; returns only once they are durable on the bus, and throws otherwise. */
@FunctionalInterface
public interface TransitionPublisher {
    void publish(List<Transition> transitions) throws Exception;
}
