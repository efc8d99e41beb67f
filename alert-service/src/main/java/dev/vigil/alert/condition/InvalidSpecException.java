package dev.vigil.alert.condition;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that does not describe a valid rule of its kind; lists every problem found. */
public final class InvalidSpecException extends RuntimeException {

    private final List<SpecProblem> problems;

    public InvalidSpecException(List<SpecProblem> problems) {
        super(problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
