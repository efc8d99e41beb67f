package dev.vigil.promql;

import dev.vigil.promql.Expr.Aggregation;
import dev.vigil.promql.Expr.At;
import dev.vigil.promql.Expr.Binary;
import dev.vigil.promql.Expr.Call;
import dev.vigil.promql.Expr.Cardinality;
import dev.vigil.promql.Expr.LabelMatcher;
import dev.vigil.promql.Expr.MatchType;
import dev.vigil.promql.Expr.MatrixSelector;
import dev.vigil.promql.Expr.NumberLiteral;
import dev.vigil.promql.Expr.Paren;
import dev.vigil.promql.Expr.StringLiteral;
import dev.vigil.promql.Expr.Subquery;
import dev.vigil.promql.Expr.Type;
import dev.vigil.promql.Expr.Unary;
import dev.vigil.promql.Expr.VectorMatching;
import dev.vigil.promql.Expr.VectorSelector;
import dev.vigil.promql.Lexer.Kind;
import dev.vigil.promql.Lexer.Token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads PromQL into an {@link Expr}, checking types as Prometheus does while it parses (a range vector where an
 * instant vector belongs, a comparison of scalars without {@code bool}, …) so errors name the place they occur.
 */
public final class Parser {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final List<Token> tokens;
    private int next;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Expr parse(String input) {
        Parser p = new Parser(Lexer.tokens(input));
        if (p.peek().kind() == Kind.EOF) {
            throw new PromQlSyntaxException(0, "no expression found in input");
        }
        Expr e = p.expr(0);
        Token end = p.peek();
        if (end.kind() != Kind.EOF) {
            throw new PromQlSyntaxException(end.position(), "unexpected " + end);
        }
        return e;
    }

    /** What an expression evaluates to; parsing has already made sure the parts fit together. */
    public static Type typeOf(Expr e) {
        return switch (e) {
            case NumberLiteral n -> Type.SCALAR;
            case StringLiteral s -> Type.STRING;
            case VectorSelector v -> Type.VECTOR;
            case MatrixSelector m -> Type.MATRIX;
            case Subquery s -> Type.MATRIX;
            case Call c -> c.function().returns();
            case Aggregation a -> Type.VECTOR;
            case Binary b -> typeOf(b.lhs()) == Type.SCALAR && typeOf(b.rhs()) == Type.SCALAR ? Type.SCALAR : Type.VECTOR;
            case Unary u -> typeOf(u.expr());
            case Paren p -> typeOf(p.expr());
        };
    }

    private Expr expr(int minPrecedence) {
        Expr lhs = unary();
        while (true) {
            Token t = peek();
            Optional<BinaryOp> found = binaryOp(t);
            if (found.isEmpty() || found.get().precedence() < minPrecedence) {
                return lhs;
            }
            BinaryOp op = found.get();
            advance();
            boolean returnBool = false;
            if (peekWord("bool")) {
                advance();
                returnBool = true;
            }
            VectorMatching matching = null;
            if (peekWord("on") || peekWord("ignoring")) {
                boolean on = advance().text().equalsIgnoreCase("on");
                List<String> labels = labelList();
                Cardinality card = Cardinality.ONE_TO_ONE;
                List<String> include = List.of();
                if (peekWord("group_left") || peekWord("group_right")) {
                    card = advance().text().equalsIgnoreCase("group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
                    include = peek().kind() == Kind.LEFT_PAREN ? labelList() : List.of();
                }
                matching = new VectorMatching(card, labels, on, include);
            }
            Expr rhs = expr(op == BinaryOp.POW ? op.precedence() : op.precedence() + 1);
            lhs = binary(t.position(), op, lhs, rhs, returnBool, matching);
        }
    }

    private Optional<BinaryOp> binaryOp(Token t) {
        if (t.kind() == Kind.OPERATOR || t.kind() == Kind.IDENT) {
            // "=", "=~" and "!~" are not among them: they belong to label matchers only.
            return BinaryOp.of(t.text());
        }
        return Optional.empty();
    }

    private Expr unary() {
        Token t = peek();
        if (t.kind() == Kind.OPERATOR && (t.text().equals("-") || t.text().equals("+"))) {
            advance();
            // Unary operators bind like multiplication: -a * b is (-a) * b, -a ^ b is -(a ^ b).
            Expr operand = expr(BinaryOp.MUL.precedence() + 1);
            Type type = typeOf(operand);
            if (type != Type.SCALAR && type != Type.VECTOR) {
                throw new PromQlSyntaxException(t.position(), "unary expression only allowed on expressions of type scalar or instant vector, got \"" + type + "\"");
            }
            if (t.text().equals("+")) {
                return operand;
            }
            return operand instanceof NumberLiteral n ? new NumberLiteral(-n.value()) : new Unary(operand);
        }
        return postfix(primary());
    }

    private Expr primary() {
        Token t = advance();
        return switch (t.kind()) {
            case NUMBER -> new NumberLiteral(number(t.text()));
            case DURATION -> new NumberLiteral(Durations.parse(t.text()).toMillis() / 1000.0);
            case STRING -> new StringLiteral(t.text());
            case LEFT_PAREN -> {
                Expr inner = expr(0);
                expect(Kind.RIGHT_PAREN, "\")\"");
                yield new Paren(inner);
            }
            case LEFT_BRACE -> {
                next--;
                yield selector(null, t.position());
            }
            case IDENT -> identifier(t);
            default -> throw new PromQlSyntaxException(t.position(), "unexpected " + t);
        };
    }

    private Expr identifier(Token t) {
        String word = t.text();
        Optional<AggregationOp> agg = AggregationOp.of(word);
        if (agg.isPresent() && (peek().kind() == Kind.LEFT_PAREN || peekWord("by") || peekWord("without"))) {
            return aggregation(agg.get(), t.position());
        }
        if (peek().kind() == Kind.LEFT_PAREN) {
            Function fn = Function.named(word)
                    .orElseThrow(() -> new PromQlSyntaxException(t.position(), "unknown function with name \"" + word + "\""));
            return call(fn, t.position());
        }
        if (word.equalsIgnoreCase("inf")) {
            return new NumberLiteral(Double.POSITIVE_INFINITY);
        }
        if (word.equalsIgnoreCase("nan")) {
            return new NumberLiteral(Double.NaN);
        }
        if (agg.isPresent() || BinaryOp.of(word).isPresent() || isKeyword(word)) {
            throw new PromQlSyntaxException(t.position(), "unexpected " + t);
        }
        return selector(word, t.position());
    }

    private static boolean isKeyword(String word) {
        return List.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset").stream()
                .anyMatch(word::equalsIgnoreCase);
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.LEFT_BRACKET) {
                advance();
                Duration range = duration(true);
                if (peek().kind() == Kind.COLON) {
                    advance();
                    Duration step = peek().kind() == Kind.RIGHT_BRACKET ? null : duration(true);
                    expect(Kind.RIGHT_BRACKET, "\"]\"");
                    if (typeOf(e) != Type.VECTOR) {
                        throw new PromQlSyntaxException(t.position(), "subquery is only allowed on instant vector, got " + typeOf(e) + " instead");
                    }
                    e = new Subquery(e, range, step, Duration.ZERO, null);
                } else {
                    expect(Kind.RIGHT_BRACKET, "\"]\"");
                    if (!(e instanceof VectorSelector v)) {
                        throw new PromQlSyntaxException(t.position(), "ranges only allowed for vector selectors");
                    }
                    if (!v.offset().isZero() || v.at() != null) {
                        throw new PromQlSyntaxException(t.position(), "no offset or @ modifiers allowed before range");
                    }
                    e = new MatrixSelector(v, range);
                }
            } else if (peekWord("offset")) {
                advance();
                boolean negative = false;
                if (peek().kind() == Kind.OPERATOR && (peek().text().equals("-") || peek().text().equals("+"))) {
                    negative = advance().text().equals("-");
                }
                Duration d = duration(false);
                e = withOffset(e, negative ? d.negated() : d, t.position());
            } else if (t.kind() == Kind.AT) {
                advance();
                e = withAt(e, at(), t.position());
            } else {
                return e;
            }
        }
    }

    private Expr withOffset(Expr e, Duration offset, int position) {
        return switch (e) {
            case VectorSelector v when v.offset().isZero() -> v.withOffset(offset);
            case MatrixSelector m when m.selector().offset().isZero() -> new MatrixSelector(m.selector().withOffset(offset), m.range());
            case Subquery s when s.offset().isZero() -> new Subquery(s.expr(), s.range(), s.step(), offset, s.at());
            case VectorSelector v -> throw new PromQlSyntaxException(position, "offset may not be set multiple times");
            case MatrixSelector m -> throw new PromQlSyntaxException(position, "offset may not be set multiple times");
            case Subquery s -> throw new PromQlSyntaxException(position, "offset may not be set multiple times");
            default -> throw new PromQlSyntaxException(position, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        };
    }

    private Expr withAt(Expr e, At at, int position) {
        return switch (e) {
            case VectorSelector v when v.at() == null -> v.withAt(at);
            case MatrixSelector m when m.selector().at() == null -> new MatrixSelector(m.selector().withAt(at), m.range());
            case Subquery s when s.at() == null -> new Subquery(s.expr(), s.range(), s.step(), s.offset(), at);
            case VectorSelector v -> throw new PromQlSyntaxException(position, "@ <timestamp> may not be set multiple times");
            case MatrixSelector m -> throw new PromQlSyntaxException(position, "@ <timestamp> may not be set multiple times");
            case Subquery s -> throw new PromQlSyntaxException(position, "@ <timestamp> may not be set multiple times");
            default -> throw new PromQlSyntaxException(position, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        };
    }

    private At at() {
        Token t = advance();
        if (t.kind() == Kind.IDENT && (t.text().equals("start") || t.text().equals("end"))) {
            expect(Kind.LEFT_PAREN, "\"(\"");
            expect(Kind.RIGHT_PAREN, "\")\"");
            return new At(t.text().equals("start") ? At.AtKind.START : At.AtKind.END, 0);
        }
        double sign = 1;
        if (t.kind() == Kind.OPERATOR && (t.text().equals("-") || t.text().equals("+"))) {
            sign = t.text().equals("-") ? -1 : 1;
            t = advance();
        }
        if (t.kind() == Kind.NUMBER) {
            double seconds = sign * number(t.text());
            if (!Double.isFinite(seconds)) {
                throw new PromQlSyntaxException(t.position(), "timestamp out of bounds for @ modifier: " + seconds);
            }
            return new At(At.AtKind.TIME, seconds);
        }
        throw new PromQlSyntaxException(t.position(), "unexpected " + t + " in @, expected timestamp");
    }

    /** A duration; a plain number counts as seconds, as in Prometheus 3. Ranges and steps must be positive. */
    private Duration duration(boolean positive) {
        Token t = advance();
        Duration d = switch (t.kind()) {
            case DURATION -> Durations.parse(t.text());
            case NUMBER -> Duration.ofMillis(Math.round(number(t.text()) * 1000));
            default -> throw new PromQlSyntaxException(t.position(), "unexpected " + t + ", expected duration");
        };
        if (positive && (d.isZero() || d.isNegative())) {
            throw new PromQlSyntaxException(t.position(), "duration must be greater than 0");
        }
        return d;
    }

    private VectorSelector selector(String name, int position) {
        List<LabelMatcher> matchers = new ArrayList<>();
        if (name != null) {
            matchers.add(new LabelMatcher("__name__", MatchType.EQUAL, name));
        }
        if (peek().kind() == Kind.LEFT_BRACE) {
            advance();
            while (peek().kind() != Kind.RIGHT_BRACE) {
                Token label = advance();
                if (label.kind() == Kind.STRING && (peek().kind() == Kind.COMMA || peek().kind() == Kind.RIGHT_BRACE)) {
                    // {"metric.name"}: a quoted metric name (Prometheus 3's UTF-8 names).
                    if (name != null) {
                        throw new PromQlSyntaxException(label.position(), "metric name must not be set twice: \"" + name + "\" or \"" + label.text() + "\"");
                    }
                    name = label.text();
                    matchers.add(new LabelMatcher("__name__", MatchType.EQUAL, name));
                } else {
                    if (!(label.kind() == Kind.STRING || label.kind() == Kind.IDENT && LABEL_NAME.matcher(label.text()).matches())) {
                        throw new PromQlSyntaxException(label.position(), "unexpected " + label + " in label matching, expected label");
                    }
                    LabelMatcher m = matcher(label);
                    if (m.name().equals("__name__") && name != null) {
                        throw new PromQlSyntaxException(label.position(), "metric name must not be set twice: \"" + name + "\" or \"" + m.value() + "\"");
                    }
                    matchers.add(m);
                }
                if (peek().kind() == Kind.COMMA) {
                    advance();
                } else if (peek().kind() != Kind.RIGHT_BRACE) {
                    throw new PromQlSyntaxException(peek().position(), "unexpected " + peek() + " in label matching, expected \",\" or \"}\"");
                }
            }
            advance();
        }
        if (matchers.stream().allMatch(m -> m.matches(""))) {
            throw new PromQlSyntaxException(position, "vector selector must contain at least one non-empty matcher");
        }
        return new VectorSelector(name, matchers, Duration.ZERO, null);
    }

    private LabelMatcher matcher(Token label) {
        Token op = advance();
        MatchType type = switch (op.kind() == Kind.OPERATOR ? op.text() : "") {
            case "=" -> MatchType.EQUAL;
            case "!=" -> MatchType.NOT_EQUAL;
            case "=~" -> MatchType.REGEX;
            case "!~" -> MatchType.NOT_REGEX;
            default -> throw new PromQlSyntaxException(op.position(), "unexpected " + op + " in label matching, expected label matching operator");
        };
        Token value = advance();
        if (value.kind() != Kind.STRING) {
            throw new PromQlSyntaxException(value.position(), "unexpected " + value + " in label matching, expected string");
        }
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            try {
                Pattern.compile(value.text());
            } catch (PatternSyntaxException e) {
                throw new PromQlSyntaxException(value.position(), "invalid regular expression \"" + value.text() + "\": " + e.getDescription());
            }
        }
        return new LabelMatcher(label.text(), type, value.text());
    }

    private Aggregation aggregation(AggregationOp op, int position) {
        List<String> grouping = List.of();
        boolean without = false;
        boolean grouped = false;
        if (peekWord("by") || peekWord("without")) {
            without = advance().text().equalsIgnoreCase("without");
            grouping = labelList();
            grouped = true;
        }
        expect(Kind.LEFT_PAREN, "\"(\"");
        List<Expr> args = new ArrayList<>();
        args.add(expr(0));
        while (peek().kind() == Kind.COMMA) {
            advance();
            args.add(expr(0));
        }
        expect(Kind.RIGHT_PAREN, "\")\"");
        if (!grouped && (peekWord("by") || peekWord("without"))) {
            without = advance().text().equalsIgnoreCase("without");
            grouping = labelList();
        }
        int expected = op.parameter() == null ? 1 : 2;
        if (args.size() != expected) {
            throw new PromQlSyntaxException(position, "wrong number of arguments for aggregate expression provided, expected " + expected + ", got " + args.size());
        }
        Expr param = expected == 2 ? args.get(0) : null;
        Expr e = args.get(expected - 1);
        if (param != null && typeOf(param) != op.parameter()) {
            throw new PromQlSyntaxException(position, "expected type " + op.parameter() + " in aggregation parameter, got " + typeOf(param));
        }
        if (typeOf(e) != Type.VECTOR) {
            throw new PromQlSyntaxException(position, "expected type instant vector in aggregation expression, got " + typeOf(e));
        }
        return new Aggregation(op, param, e, grouping, without);
    }

    private Call call(Function fn, int position) {
        expect(Kind.LEFT_PAREN, "\"(\"");
        List<Expr> args = new ArrayList<>();
        while (peek().kind() != Kind.RIGHT_PAREN) {
            args.add(expr(0));
            if (peek().kind() == Kind.COMMA) {
                advance();
            } else if (peek().kind() != Kind.RIGHT_PAREN) {
                throw new PromQlSyntaxException(peek().position(), "unexpected " + peek() + " in function call, expected \",\" or \")\"");
            }
        }
        advance();
        if (args.size() < fn.minArgs() || args.size() > fn.maxArgs()) {
            String bound = fn.minArgs() == fn.maxArgs() ? Integer.toString(fn.minArgs())
                    : args.size() < fn.minArgs() ? "at least " + fn.minArgs() : "at most " + fn.maxArgs();
            throw new PromQlSyntaxException(position, "expected " + bound + " argument(s) in call to \"" + fn.name() + "\", got " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            Type actual = typeOf(args.get(i));
            if (actual != fn.argType(i)) {
                throw new PromQlSyntaxException(position, "expected type " + fn.argType(i) + " in call to function \"" + fn.name() + "\", got " + actual);
            }
        }
        return new Call(fn, args);
    }

    private Binary binary(int position, BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching) {
        Type l = typeOf(lhs);
        Type r = typeOf(rhs);
        if ((l != Type.SCALAR && l != Type.VECTOR) || (r != Type.SCALAR && r != Type.VECTOR)) {
            throw new PromQlSyntaxException(position, "binary expression must contain only scalar and instant vector types");
        }
        if (returnBool && !op.isComparison()) {
            throw new PromQlSyntaxException(position, "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && l == Type.SCALAR && r == Type.SCALAR && !returnBool) {
            throw new PromQlSyntaxException(position, "comparisons between scalars must use BOOL modifier");
        }
        boolean vectors = l == Type.VECTOR && r == Type.VECTOR;
        if (op.isSetOperator() && !vectors) {
            throw new PromQlSyntaxException(position, "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
        }
        if (matching != null && !vectors) {
            throw new PromQlSyntaxException(position, "vector matching only allowed between instant vectors");
        }
        if (!vectors) {
            return new Binary(op, lhs, rhs, returnBool, null);
        }
        if (matching == null) {
            matching = new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of());
        }
        if (op.isSetOperator()) {
            if (matching.cardinality() != Cardinality.ONE_TO_ONE) {
                throw new PromQlSyntaxException(position, "no grouping allowed for \"" + op.symbol() + "\" operation");
            }
            matching = new VectorMatching(Cardinality.MANY_TO_MANY, matching.labels(), matching.on(), List.of());
        }
        if (matching.on()) {
            for (String label : matching.include()) {
                if (matching.labels().contains(label)) {
                    throw new PromQlSyntaxException(position, "label \"" + label + "\" must not occur in ON and GROUP clause at once");
                }
            }
        }
        return new Binary(op, lhs, rhs, returnBool, matching);
    }

    private List<String> labelList() {
        expect(Kind.LEFT_PAREN, "\"(\"");
        List<String> labels = new ArrayList<>();
        while (peek().kind() != Kind.RIGHT_PAREN) {
            Token t = advance();
            boolean valid = t.kind() == Kind.STRING || t.kind() == Kind.IDENT && LABEL_NAME.matcher(t.text()).matches();
            if (!valid) {
                throw new PromQlSyntaxException(t.position(), "unexpected " + t + " in grouping opts, expected label");
            }
            labels.add(t.text());
            if (peek().kind() == Kind.COMMA) {
                advance();
            } else if (peek().kind() != Kind.RIGHT_PAREN) {
                throw new PromQlSyntaxException(peek().position(), "unexpected " + peek() + " in grouping opts, expected \",\" or \")\"");
            }
        }
        advance();
        return labels;
    }

    private static double number(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return Long.parseLong(text.substring(2), 16);
        }
        return Double.parseDouble(text);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private boolean peekWord(String word) {
        return peek().is(Kind.IDENT, word);
    }

    private Token advance() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.EOF) {
            next++;
        }
        return t;
    }

    private void expect(Kind kind, String described) {
        Token t = advance();
        if (t.kind() != kind) {
            throw new PromQlSyntaxException(t.position(), "unexpected " + t + ", expected " + described);
        }
    }
}
