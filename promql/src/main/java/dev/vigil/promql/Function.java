package dev.vigil.promql;

import dev.vigil.promql.Expr.Type;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.vigil.promql.Expr.Type.MATRIX;
import static dev.vigil.promql.Expr.Type.SCALAR;
import static dev.vigil.promql.Expr.Type.STRING;
import static dev.vigil.promql.Expr.Type.VECTOR;

/**
 * A PromQL function's signature as Prometheus declares it: argument types, how many of the last may be left out
 * ({@code optional}) or repeated ({@code variadic} &lt; 0), and what it returns.
 */
public record Function(String name, List<Type> args, int variadic, Type returns) {

    private static final Map<String, Function> ALL = new HashMap<>();

    static {
        for (String math : List.of("abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "sin", "cos",
                "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "deg", "rad",
                "absent", "timestamp", "sort", "sort_desc", "histogram_count", "histogram_sum", "histogram_avg",
                "histogram_stddev", "histogram_stdvar")) {
            add(math, 0, VECTOR, VECTOR);
        }
        for (String overTime : List.of("avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
                "count_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time",
                "absent_over_time", "mad_over_time", "changes", "resets", "delta", "idelta", "increase", "irate",
                "rate", "deriv")) {
            add(overTime, 0, VECTOR, MATRIX);
        }
        for (String time : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
                "month", "year")) {
            add(time, 1, VECTOR, VECTOR);
        }
        add("quantile_over_time", 0, VECTOR, SCALAR, MATRIX);
        add("predict_linear", 0, VECTOR, MATRIX, SCALAR);
        add("clamp", 0, VECTOR, VECTOR, SCALAR, SCALAR);
        add("clamp_max", 0, VECTOR, VECTOR, SCALAR);
        add("clamp_min", 0, VECTOR, VECTOR, SCALAR);
        add("round", 1, VECTOR, VECTOR, SCALAR);
        add("histogram_quantile", 0, VECTOR, SCALAR, VECTOR);
        add("histogram_fraction", 0, VECTOR, SCALAR, SCALAR, VECTOR);
        add("label_replace", 0, VECTOR, VECTOR, STRING, STRING, STRING, STRING);
        add("label_join", -1, VECTOR, VECTOR, STRING, STRING, STRING);
        add("sort_by_label", -1, VECTOR, VECTOR, STRING);
        add("sort_by_label_desc", -1, VECTOR, VECTOR, STRING);
        add("scalar", 0, SCALAR, VECTOR);
        add("vector", 0, VECTOR, SCALAR);
        add("time", 0, SCALAR);
        add("pi", 0, SCALAR);
    }

    private static void add(String name, int variadic, Type returns, Type... args) {
        ALL.put(name, new Function(name, List.of(args), variadic, returns));
    }

    /** Function names are case-sensitive, as in Prometheus. */
    public static Optional<Function> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** The fewest arguments a call may have. */
    int minArgs() {
        return variadic > 0 ? args.size() - variadic : args.size();
    }

    /** The most arguments a call may have; unbounded for {@code label_join}'s source labels. */
    int maxArgs() {
        return variadic < 0 ? Integer.MAX_VALUE : args.size();
    }

    /** The type the argument at {@code index} must have (repeated arguments take the last declared type). */
    Type argType(int index) {
        return args.get(Math.min(index, args.size() - 1));
    }
}
