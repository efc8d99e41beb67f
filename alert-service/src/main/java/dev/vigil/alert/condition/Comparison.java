package dev.vigil.alert.condition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a measured value is compared with a rule's threshold; the condition holds when the comparison is true. */
public enum Comparison {
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    EQUAL("=="),
    NOT_EQUAL("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code value symbol threshold}; NaN never violates. */
    public boolean holds(double value, double threshold) {
        if (Double.isNaN(value)) {
            return false;
        }
        return switch (this) {
            case GREATER -> value > threshold;
            case GREATER_OR_EQUAL -> value >= threshold;
            case LESS -> value < threshold;
            case LESS_OR_EQUAL -> value <= threshold;
            case EQUAL -> value == threshold;
            case NOT_EQUAL -> value != threshold;
        };
    }

    public static Optional<Comparison> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
    }

    public static List<String> symbols() {
        return Arrays.stream(values()).map(Comparison::symbol).toList();
    }
}
