package dev.vigil.promql;

import dev.vigil.promql.Expr.Aggregation;
import dev.vigil.promql.Expr.At;
import dev.vigil.promql.Expr.Binary;
import dev.vigil.promql.Expr.Cardinality;
import dev.vigil.promql.Expr.MatchType;
import dev.vigil.promql.Expr.MatrixSelector;
import dev.vigil.promql.Expr.NumberLiteral;
import dev.vigil.promql.Expr.Subquery;
import dev.vigil.promql.Expr.Type;
import dev.vigil.promql.Expr.VectorSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a + b * c                       | a + b * c
            a * b + c                       | a * b + c
            2 ^ 3 ^ 2                       | 2 ^ 3 ^ 2
            -a * b                          | -a * b
            a or b and c                    | a or b and c
            a == bool 1                     | a == bool 1
            sum by (job) (rate(http_requests_total[5m]))  | sum by (job) (rate(http_requests_total[5m]))
            sum(rate(x[1h30m])) without (instance)         | sum without (instance) (rate(x[1h30m]))
            topk(3, x)                      | topk (3, x)
            count_values("v", x)            | count_values ("v", x)
            x offset -5m                    | x offset -5m
            x[5m] @ end() offset 1m         | x[5m] offset 1m @ end()
            rate(x[5m])[30m:1m]             | rate(x[5m])[30m:1m]
            max_over_time(x[1h:])           | max_over_time(x[1h:])
            a / on (job) group_left (team) b | a / on (job) group_left (team) b
            a - ignoring (code) b           | a - ignoring (code) b
            {job="api", code=~"5.."}        | {job="api", code=~"5.."}
            job:rate5m:sum                  | job:rate5m:sum
            """)
    void writesBackWhatItReads(String input, String expected) {
        assertThat(Parser.parse(input).toString()).isEqualTo(expected);
    }

    @Test
    void multiplicationBindsTighterThanAddition() {
        Binary add = (Binary) Parser.parse("a + b * c");
        assertThat(add.op()).isEqualTo(BinaryOp.ADD);
        assertThat(((Binary) add.rhs()).op()).isEqualTo(BinaryOp.MUL);
    }

    @Test
    void powerIsRightAssociativeAndBindsTighterThanUnaryMinus() {
        Binary pow = (Binary) Parser.parse("2 ^ 3 ^ 2");
        assertThat(pow.rhs()).isInstanceOf(Binary.class);
        assertThat(Parser.parse("-2 ^ 2")).isInstanceOf(Expr.Unary.class);
        assertThat(Parser.parse("-2")).isEqualTo(new NumberLiteral(-2));
    }

    @Test
    void readsNumbersInEverySpelling() {
        assertThat(((NumberLiteral) Parser.parse("0x1F")).value()).isEqualTo(31);
        assertThat(((NumberLiteral) Parser.parse("1e3")).value()).isEqualTo(1000);
        assertThat(((NumberLiteral) Parser.parse(".5")).value()).isEqualTo(0.5);
        assertThat(((NumberLiteral) Parser.parse("Inf")).value()).isInfinite();
        assertThat(((NumberLiteral) Parser.parse("nan")).value()).isNaN();
        assertThat(((NumberLiteral) Parser.parse("5m")).value()).isEqualTo(300);
    }

    @Test
    void readsDurationsWithSeveralUnits() {
        MatrixSelector m = (MatrixSelector) Parser.parse("x[1h30m]");
        assertThat(m.range()).isEqualTo(Duration.ofMinutes(90));
        assertThat(((MatrixSelector) Parser.parse("x[100ms]")).range()).isEqualTo(Duration.ofMillis(100));
        assertThat(((MatrixSelector) Parser.parse("x[90]")).range()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void readsEveryMatcherKindAndQuoting() {
        VectorSelector v = (VectorSelector) Parser.parse("up{a=\"1\", b!='2', c=~`x.*`, d!~\"y\\\\d\",}");
        assertThat(v.name()).isEqualTo("up");
        assertThat(v.matchers()).extracting(Expr.LabelMatcher::type)
                .containsExactly(MatchType.EQUAL, MatchType.EQUAL, MatchType.NOT_EQUAL, MatchType.REGEX, MatchType.NOT_REGEX);
        assertThat(v.matchers().get(4).value()).isEqualTo("y\\d");
    }

    @Test
    void readsQuotedMetricAndLabelNames() {
        VectorSelector v = (VectorSelector) Parser.parse("{\"http.server.duration\", \"service.name\"=\"api\"}");
        assertThat(v.name()).isEqualTo("http.server.duration");
        assertThat(v.matchers()).extracting(Expr.LabelMatcher::name).containsExactly("__name__", "service.name");
    }

    @Test
    void anchorsRegularExpressionsAtBothEnds() {
        Expr.LabelMatcher m = new Expr.LabelMatcher("code", MatchType.REGEX, "5..");
        assertThat(m.matches("503")).isTrue();
        assertThat(m.matches("1503")).isFalse();
    }

    @Test
    void readsAtModifierAsTimeStartOrEnd() {
        assertThat(((VectorSelector) Parser.parse("x @ 1609746000")).at()).isEqualTo(new At(At.AtKind.TIME, 1609746000));
        assertThat(((VectorSelector) Parser.parse("x @ start()")).at().kind()).isEqualTo(At.AtKind.START);
        Subquery s = (Subquery) Parser.parse("sum(x)[10m:] @ end()");
        assertThat(s.at().kind()).isEqualTo(At.AtKind.END);
        assertThat(s.step()).isNull();
    }

    @Test
    void acceptsGroupingBeforeOrAfterTheAggregatedExpression() {
        Aggregation before = (Aggregation) Parser.parse("sum by (a, b) (x)");
        Aggregation after = (Aggregation) Parser.parse("SUM(x) BY (a, b)");
        assertThat(after).isEqualTo(before);
        assertThat(((Aggregation) Parser.parse("avg without (a) (x)")).without()).isTrue();
    }

    @Test
    void setOperatorsMatchManyToMany() {
        Binary and = (Binary) Parser.parse("a and on (job) b");
        assertThat(and.matching().cardinality()).isEqualTo(Cardinality.MANY_TO_MANY);
        assertThat(and.matching().on()).isTrue();
        Binary div = (Binary) Parser.parse("a / b");
        assertThat(div.matching().cardinality()).isEqualTo(Cardinality.ONE_TO_ONE);
    }

    @Test
    void scalarsAndVectorsHaveTheirTypes() {
        assertThat(Parser.typeOf(Parser.parse("1 + 2"))).isEqualTo(Type.SCALAR);
        assertThat(Parser.typeOf(Parser.parse("x + 2"))).isEqualTo(Type.VECTOR);
        assertThat(Parser.typeOf(Parser.parse("x[5m]"))).isEqualTo(Type.MATRIX);
        assertThat(Parser.typeOf(Parser.parse("scalar(x)"))).isEqualTo(Type.SCALAR);
        assertThat(Parser.typeOf(Parser.parse("\"s\""))).isEqualTo(Type.STRING);
        assertThat(Parser.typeOf(Parser.parse("time()"))).isEqualTo(Type.SCALAR);
    }

    @Test
    void ignoresComments() {
        assertThat(Parser.parse("# the rate\nrate(x[5m]) # per second").toString()).isEqualTo("rate(x[5m])");
    }

    @Test
    void acceptsOptionalAndRepeatedFunctionArguments() {
        assertThat(Parser.parse("round(x)")).isNotNull();
        assertThat(Parser.parse("round(x, 0.5)")).isNotNull();
        assertThat(Parser.parse("hour()")).isNotNull();
        assertThat(Parser.parse("label_join(x, \"dst\", \",\", \"a\", \"b\", \"c\")")).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                       | no expression found in input
            rate(x)                  | expected type range vector in call to function "rate", got instant vector
            abs(x[5m])               | expected type instant vector in call to function "abs", got range vector
            nosuch(x)                | unknown function with name "nosuch"
            clamp(x, 1)              | expected 3 argument(s) in call to "clamp", got 2
            round(x, 1, 2)           | expected at most 2 argument(s) in call to "round", got 3
            1 > 2                    | comparisons between scalars must use BOOL modifier
            x + bool y               | bool modifier can only be used on comparison operators
            1 and x                  | set operator "and" not allowed in binary scalar expression
            x and group_left y       | unexpected
            1 + on (a) x             | vector matching only allowed between instant vectors
            a and on (x) group_left b | no grouping allowed for "and" operation
            a + on (x) group_left (x) b | label "x" must not occur in ON and GROUP clause at once
            x[5m] + 1                | binary expression must contain only scalar and instant vector types
            (x + 1)[5m]              | ranges only allowed for vector selectors
            x[5m][5m:]               | subquery is only allowed on instant vector, got range vector instead
            {a=""}                   | vector selector must contain at least one non-empty matcher
            {a=~".*"}                | vector selector must contain at least one non-empty matcher
            foo{__name__="bar"}      | metric name must not be set twice
            x{a="b                   | unterminated quoted string
            x{a=~"("}                | invalid regular expression
            topk(x)                  | wrong number of arguments for aggregate expression provided, expected 2, got 1
            sum(x, y)                | wrong number of arguments for aggregate expression provided, expected 1, got 2
            topk("3", x)             | expected type scalar in aggregation parameter, got string
            sum(x[5m])               | expected type instant vector in aggregation expression, got range vector
            x offset 1m offset 2m    | offset may not be set multiple times
            sum(x) offset 1m         | offset modifier must be preceded by an instant vector selector or range vector selector or a subquery
            x offset 1m [5m]         | no offset or @ modifiers allowed before range
            x[0s]                    | duration must be greater than 0
            -x[5m]                   | unary expression only allowed on expressions of type scalar or instant vector
            x )                      | unexpected ")"
            x $                      | unexpected character: '$'
            1a                       | bad number or duration syntax
            """)
    void refusesWhatPrometheusRefuses(String input, String message) {
        assertThatThrownBy(() -> Parser.parse(input))
                .isInstanceOf(PromQlSyntaxException.class)
                .hasMessageContaining(message);
    }

    @Test
    void errorsNameThePositionInTheExpression() {
        assertThatThrownBy(() -> Parser.parse("sum(rate(x[5m]) $"))
                .hasMessageStartingWith("1:17: parse error:");
    }
}
