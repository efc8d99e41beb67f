package dev.vigil.bench.all;

import java.util.List;

/** The one table {@code ./vigil bench all} prints: every measure with its figure, baseline, goal and verdict. */
final class ResultTable {
    private ResultTable() {
    }

    static String render(List<Measure> measures) {
        StringBuilder out = new StringBuilder("| measure | figure | baseline (same run) | goal | met |\n")
                .append("|---|---:|---|---|---|\n");
        for (Measure m : measures) {
            out.append("| ").append(m.name()).append(" | ").append(m.figure()).append(" | ")
                    .append(m.baseline().orElse("—")).append(" | ").append(m.goalText()).append(" | ")
                    .append(m.verdict()).append(" |\n");
        }
        return out.toString();
    }

    /** "7 of 9 goals met (the others are marked not met above)" or "all 9 goals met". */
    static String summary(List<Measure> measures) {
        List<Measure> withGoal = measures.stream().filter(m -> m.goal().isPresent()).toList();
        List<String> missed = withGoal.stream().filter(m -> !m.met().orElseThrow()).map(Measure::name).toList();
        if (missed.isEmpty()) {
            return "all " + withGoal.size() + " goals met";
        }
        return (withGoal.size() - missed.size()) + " of " + withGoal.size() + " goals met (the others are marked"
                + " not met above)";
    }
}
