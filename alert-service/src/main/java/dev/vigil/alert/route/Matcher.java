package dev.vigil.alert.route;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A condition on one label, as in Alertmanager: {@code =}, {@code !=}, {@code =~} and {@code !~}; regular
 * expressions match the whole value. A missing label has the empty value. Expressions are RE2 (as Alertmanager's
 * Go ones are), matched in time linear in the value: a pattern typed into a route cannot stall routing on
 * telemetry's label values by backtracking.
 */
public record Matcher(String label, Op op, String value) {

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Optional<Op> bySymbol(String symbol) {
            return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
        }

        public static List<String> symbols() {
            return Arrays.stream(values()).map(Op::symbol).toList();
        }
    }

    public Matcher {
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            com.google.re2j.Pattern.compile(value); // refuses an invalid expression here rather than at every match
        }
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> com.google.re2j.Pattern.matches(value, actual);
            case NOT_REGEX -> !com.google.re2j.Pattern.matches(value, actual);
        };
    }

    public static boolean all(List<Matcher> matchers, Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    private static final Pattern SYNTAX = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(=~|!~|!=|=)\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Alertmanager's syntax, as stored: {@code team="shop"}, {@code severity=~"page|critical"}. */
    @Override
    public String toString() {
        return label + op.symbol() + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Reads what {@link #toString()} wrote. */
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a matcher: " + text);
        }
        return new Matcher(m.group(1), Op.bySymbol(m.group(2)).orElseThrow(),
                m.group(3).replaceAll("\\\\(.)", "$1"));
    }
}
