package dev.vigil.promql;

import java.util.List;

/** What an expression evaluates to at one time. */
public sealed interface Value {
    record Scalar(double value) implements Value {
    }

    record Text(String value) implements Value {
    }

    /** One element of an instant vector. */
    record Sample(Labels labels, double value) {
    }

    record Vector(List<Sample> samples) implements Value {
    }

    /** A range vector: each series' samples inside the range. */
    record Matrix(List<Series> series) implements Value {
    }
}
