package dev.vigil.promql;

import java.math.BigDecimal;

/** Floats written as Prometheus writes them (Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}): shortest, no exponent. */
public final class FloatText {
    private FloatText() {
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
