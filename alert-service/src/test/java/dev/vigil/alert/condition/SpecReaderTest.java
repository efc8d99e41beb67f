package dev.vigil.alert.condition;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SpecReaderTest {

    @Test
    void readsAMetricThresholdWithDefaults() {
        RuleSpec spec = SpecReader.read("metric_threshold", Map.of("metric", "system.cpu.utilization", "threshold", 0.9));

        assertThat(spec).isEqualTo(new RuleSpec.MetricThreshold("system.cpu.utilization", Map.of(), Aggregation.AVG,
                List.of(), Duration.ofMinutes(5), Comparison.GREATER, 0.9));
    }

    @Test
    void readsALatencyQuantileOfOneOperation() {
        RuleSpec spec = SpecReader.read("latency_quantile", Map.of("service", "checkout", "operation", "POST /pay",
                "quantile", 0.95, "windowSeconds", 60, "comparison", ">=", "threshold", 300));

        assertThat(spec).isEqualTo(new RuleSpec.LatencyQuantile("checkout", "POST /pay", 0.95, Duration.ofSeconds(60),
                Comparison.GREATER_OR_EQUAL, 300));
    }

    @Test
    void anAbsenceViolatesWhenNothingWasSeen() {
        RuleSpec spec = SpecReader.read("absence", Map.of("signal", "logs", "service", "billing"));

        assertThat(spec.violatedBy(0)).isTrue();
        assertThat(spec.violatedBy(1)).isFalse();
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read("metric_threshold",
                Map.of("filter", Map.of("k8s.namespace.name", 3), "aggregation", "median", "groupBy", List.of("ok", "1bad"),
                        "threshold", "high")));

        assertThat(e.problems()).extracting(SpecProblem::field).containsExactlyInAnyOrder("spec.metric",
                "spec.filter.k8s.namespace.name", "spec.aggregation", "spec.groupBy[1]", "spec.threshold");
    }

    @Test
    void refusesAQuantileOutsideZeroToOne() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read("latency_quantile",
                Map.of("service", "checkout", "quantile", 99, "threshold", 300)));

        assertThat(e.problems()).containsExactly(new SpecProblem("spec.quantile", "must be between 0 and 1, e.g. 0.99"));
    }

    @Test
    void readsAPromQlExpressionWhoseEverySampleViolates() {
        RuleSpec spec = SpecReader.read("promql", Map.of("expr", "rate(http_requests_total[5m]) > 0.5", "group", "api"));

        assertThat(spec).isInstanceOfSatisfying(RuleSpec.PromQl.class, p -> {
            assertThat(p.expr()).isEqualTo("rate(http_requests_total[5m]) > 0.5");
            assertThat(p.group()).isEqualTo("api");
            assertThat(p.expression()).isNotNull();
        });
        assertThat(spec.violatedBy(0)).isTrue();
    }

    @Test
    void refusesPromQlThatDoesNotParseNamingThePosition() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> SpecReader.read("promql", Map.of("expr", "sum(rate(x[5m])")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("spec.expr");
            assertThat(p.message()).startsWith("is not PromQL: 1:").contains("parse error");
        });
    }

    @Test
    void refusesAScalarOrRangeVectorExpression() {
        InvalidSpecException scalar = catchThrowableOfType(InvalidSpecException.class,
                () -> SpecReader.read("promql", Map.of("expr", "1 + 1")));
        InvalidSpecException range = catchThrowableOfType(InvalidSpecException.class,
                () -> SpecReader.read("promql", Map.of("expr", "up[5m]")));

        assertThat(scalar.problems()).containsExactly(new SpecProblem("spec.expr",
                "is a scalar expression; an alert rule needs an instant vector, e.g. vector(1 + 1) > 0"));
        assertThat(range.problems()).containsExactly(new SpecProblem("spec.expr",
                "is of type range vector; an alert rule needs an instant vector"));
    }
}
