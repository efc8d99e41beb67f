package dev.vigil.alert.evaluate;

import java.util.Map;

/** One measured series: its labels (e.g. {@code service}) and its value at the evaluation time. */
public record Sample(Map<String, String> labels, double value) {
    public Sample {
        labels = Map.copyOf(labels);
    }
}
