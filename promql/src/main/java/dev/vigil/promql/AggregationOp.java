package dev.vigil.promql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** PromQL's aggregation operators; some take a parameter before the expression ({@code topk(3, …)}). */
public enum AggregationOp {
    SUM(null), AVG(null), COUNT(null), MIN(null), MAX(null), GROUP(null), STDDEV(null), STDVAR(null),
    TOPK(Expr.Type.SCALAR), BOTTOMK(Expr.Type.SCALAR), QUANTILE(Expr.Type.SCALAR), COUNT_VALUES(Expr.Type.STRING),
    LIMITK(Expr.Type.SCALAR), LIMIT_RATIO(Expr.Type.SCALAR);

    private final Expr.Type parameter;

    AggregationOp(Expr.Type parameter) {
        this.parameter = parameter;
    }

    /** The parameter's type, or null when the operator takes none. */
    public Expr.Type parameter() {
        return parameter;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Keywords are case-insensitive in PromQL ({@code SUM} is {@code sum}). */
    static Optional<AggregationOp> of(String word) {
        return Arrays.stream(values()).filter(op -> op.keyword().equalsIgnoreCase(word)).findFirst();
    }
}
