package dev.vigil.bench.all;

import java.util.Locale;
import java.util.Optional;

/**
 * One row of {@code ./vigil bench all}'s table: a figure, the baseline measured beside it in the same run (if any),
 * and the goal it is held to (if any). A figure that is not a number (the measurement failed) does not meet its goal.
 */
public record Measure(String name, double value, String unit, Optional<String> baseline, Optional<Goal> goal) {

    /** A goal: a bound in the measure's unit that the figure must reach (at least), stay within (at most) or stay below. */
    public record Goal(String relation, double bound) {
        public static Goal atLeast(double bound) {
            return new Goal("≥", bound);
        }

        public static Goal atMost(double bound) {
            return new Goal("≤", bound);
        }

        public static Goal below(double bound) {
            return new Goal("<", bound);
        }

        boolean metBy(double value) {
            return !Double.isNaN(value) && switch (relation) {
                case "≥" -> value >= bound;
                case "≤" -> value <= bound;
                default -> value < bound;
            };
        }
    }

    public static Measure of(String name, double value, String unit, String baseline, Goal goal) {
        return new Measure(name, value, unit, Optional.ofNullable(baseline), Optional.ofNullable(goal));
    }

    /** Met or not met; empty for a figure given for information. */
    public Optional<Boolean> met() {
        return goal.map(g -> g.metBy(value));
    }

    String figure() {
        return format(value) + unit;
    }

    String goalText() {
        return goal.map(g -> g.relation() + " " + format(g.bound()) + unit).orElse("—");
    }

    String verdict() {
        return met().map(m -> m ? "met" : "**not met**").orElse("(information)");
    }

    /** Whole numbers with thousands separators, smaller ones with the digits that matter. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
