package dev.vigil.promql;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PromQL expression as Prometheus's parser reads it. {@link #toString()} writes it back in PromQL, so a parsed
 * expression can be shown and compared.
 */
public sealed interface Expr {

    /** What an expression evaluates to. */
    enum Type {
        SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector"), STRING("string");

        private final String described;

        Type(String described) {
            this.described = described;
        }

        @Override
        public String toString() {
            return described;
        }
    }

    record NumberLiteral(double value) implements Expr {
        @Override
        public String toString() {
            if (Double.isNaN(value)) {
                return "NaN";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "Inf" : "-Inf";
            }
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    record StringLiteral(String value) implements Expr {
        @Override
        public String toString() {
            return quote(value);
        }
    }

    /** {@code name{matchers} offset d @ t}; the name, when written, is also among the matchers as {@code __name__}. */
    record VectorSelector(String name, List<LabelMatcher> matchers, Duration offset, At at) implements Expr {
        public VectorSelector {
            matchers = List.copyOf(matchers);
            offset = offset == null ? Duration.ZERO : offset;
        }

        VectorSelector withOffset(Duration d) {
            return new VectorSelector(name, matchers, d, at);
        }

        VectorSelector withAt(At a) {
            return new VectorSelector(name, matchers, offset, a);
        }

        @Override
        public String toString() {
            return selectorText() + Modifiers.text(offset, at);
        }

        String selectorText() {
            List<LabelMatcher> shown = name == null ? matchers
                    : matchers.stream().filter(m -> !(m.name().equals("__name__") && m.type() == MatchType.EQUAL)).toList();
            String braces = shown.isEmpty() ? "" : shown.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ", "{", "}"));
            return (name == null ? "" : name) + (name == null && braces.isEmpty() ? "{}" : braces);
        }
    }

    /** {@code selector[range]}; offset and {@code @} live on the selector. */
    record MatrixSelector(VectorSelector selector, Duration range) implements Expr {
        @Override
        public String toString() {
            return selector.selectorText() + "[" + Durations.format(range) + "]" + Modifiers.text(selector.offset(), selector.at());
        }
    }

    /** {@code expr[range:step]}; a null step means the query's default resolution. */
    record Subquery(Expr expr, Duration range, Duration step, Duration offset, At at) implements Expr {
        public Subquery {
            offset = offset == null ? Duration.ZERO : offset;
        }

        @Override
        public String toString() {
            return expr + "[" + Durations.format(range) + ":" + (step == null ? "" : Durations.format(step)) + "]"
                    + Modifiers.text(offset, at);
        }
    }

    record Call(Function function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return function.name() + args.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** {@code op by|without (grouping) ([param,] expr)}. */
    record Aggregation(AggregationOp op, Expr param, Expr expr, List<String> grouping, boolean without) implements Expr {
        public Aggregation {
            grouping = List.copyOf(grouping);
        }

        @Override
        public String toString() {
            String group = grouping.isEmpty() && !without ? "" : (without ? " without (" : " by (") + String.join(", ", grouping) + ")";
            return op.keyword() + group + " (" + (param == null ? "" : param + ", ") + expr + ")";
        }
    }

    record Binary(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching) implements Expr {
        @Override
        public String toString() {
            return lhs + " " + op.symbol() + (returnBool ? " bool" : "") + (matching == null ? "" : matching.toString()) + " " + rhs;
        }
    }

    record Unary(Expr expr) implements Expr {
        @Override
        public String toString() {
            return "-" + expr;
        }
    }

    record Paren(Expr expr) implements Expr {
        @Override
        public String toString() {
            return "(" + expr + ")";
        }
    }

    enum MatchType {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        MatchType(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** One label matcher; regular expressions are anchored at both ends, as in Prometheus. */
    record LabelMatcher(String name, MatchType type, String value) {
        public boolean matches(String labelValue) {
            String v = labelValue == null ? "" : labelValue;
            return switch (type) {
                case EQUAL -> v.equals(value);
                case NOT_EQUAL -> !v.equals(value);
                case REGEX -> v.matches(value);
                case NOT_REGEX -> !v.matches(value);
            };
        }

        @Override
        public String toString() {
            String label = name.matches("[a-zA-Z_][a-zA-Z0-9_]*") ? name : quote(name);
            return label + type.symbol() + quote(value);
        }
    }

    /** The {@code @} modifier: a time in seconds, or the query's {@code start()} / {@code end()}. */
    record At(AtKind kind, double seconds) {
        public enum AtKind { TIME, START, END }

        @Override
        public String toString() {
            return switch (kind) {
                case START -> "start()";
                case END -> "end()";
                case TIME -> new NumberLiteral(seconds).toString();
            };
        }
    }

    enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    /** {@code on|ignoring (labels) group_left|group_right (include)}; {@code on} with no labels is meaningful. */
    record VectorMatching(Cardinality cardinality, List<String> labels, boolean on, List<String> include) {
        public VectorMatching {
            labels = List.copyOf(labels);
            include = List.copyOf(include);
        }

        @Override
        public String toString() {
            String match = on ? " on (" + String.join(", ", labels) + ")"
                    : labels.isEmpty() ? "" : " ignoring (" + String.join(", ", labels) + ")";
            String group = switch (cardinality) {
                case MANY_TO_ONE -> " group_left (" + String.join(", ", include) + ")";
                case ONE_TO_MANY -> " group_right (" + String.join(", ", include) + ")";
                default -> "";
            };
            return match + group;
        }
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Writes {@code offset} and {@code @} after a selector or subquery. */
    final class Modifiers {
        private Modifiers() {
        }

        static String text(Duration offset, At at) {
            String o = offset.isZero() ? "" : " offset " + (offset.isNegative() ? "-" + Durations.format(offset.negated()) : Durations.format(offset));
            return o + (at == null ? "" : " @ " + at);
        }
    }
}
