package dev.vigil.alert.evaluate;

import java.time.Instant;
import java.util.List;

/** Measures a rule's spec over the window that ends at {@code at}: one sample per series seen. */
@FunctionalInterface
public interface QueryFunction {
    List<Sample> query(Rule rule, Instant at) throws Exception;
}
