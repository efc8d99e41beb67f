package dev.vigil.alert.dashboard;

import java.util.List;
import java.util.stream.Collectors;

/** A dashboard document that does not follow the format; answered with 400 naming every field at fault. */
public final class InvalidDashboardException extends RuntimeException {

    private final List<DashboardValidator.Problem> problems;

    InvalidDashboardException(List<DashboardValidator.Problem> problems) {
        super(problems.stream().map(p -> p.path() + " " + p.message()).collect(Collectors.joining("; ")), null, false,
                false);
        this.problems = List.copyOf(problems);
    }

    public List<DashboardValidator.Problem> problems() {
        return problems;
    }
}
