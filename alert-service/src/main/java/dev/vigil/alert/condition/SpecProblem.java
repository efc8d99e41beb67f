package dev.vigil.alert.condition;

/** One problem with one field of a rule's spec, named by its path, e.g. {@code spec.threshold}. */
public record SpecProblem(String field, String message) {
}
