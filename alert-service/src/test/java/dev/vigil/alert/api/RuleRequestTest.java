package dev.vigil.alert.api;

import dev.vigil.alert.condition.NoData;
import dev.vigil.alert.rule.RuleDefinition;
import dev.vigil.alert.rule.RuleLimits;
import dev.vigil.alert.rule.RuleKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RuleRequestTest {

    /** The widest limits the service accepts, so that the other checks are seen on their own. */
    private static final RuleLimits LOOSE = new Limits(Duration.ofSeconds(1), Duration.ofDays(7));
    private static final RuleLimits DEFAULTS = new Limits(Duration.ofSeconds(10), Duration.ofHours(24));

    private record Limits(Duration minInterval, Duration maxWindow) implements RuleLimits {
    }

    @Test
    void rejectsAnIntervalBelowTheConfiguredMinimumNamingTheField() {
        assertThat(problems(request("r", "absence", 5, null), DEFAULTS))
                .containsExactly(new FieldError("intervalSeconds", "must be at least 10"));
        assertThat(request("r", "absence", 10, null).toDefinition(DEFAULTS).intervalSeconds()).isEqualTo(10);
    }

    @Test
    void rejectsAWindowAboveTheConfiguredMaximumNamingTheField() {
        RuleRequest week = new RuleRequest("r", "error_rate", Map.of("service", "checkout", "threshold", 0.1,
                "windowSeconds", 7 * 86_400), 60, null, null, null, null, null, null);
        assertThat(problems(week, DEFAULTS)).containsExactly(new FieldError("spec.windowSeconds", "must be at most 86400"));
        RuleRequest day = new RuleRequest("r", "error_rate", Map.of("service", "checkout", "threshold", 0.1,
                "windowSeconds", 86_400), 60, null, null, null, null, null, null);
        assertThat(day.toDefinition(DEFAULTS).spec()).containsEntry("windowSeconds", 86_400);
    }

    @Test
    void rejectsAnUnknownNoDataChoiceListingTheKnownOnes() {
        RuleRequest request = new RuleRequest("r", "absence", validSpec("absence"), null, null, null, null, null, null,
                "alerting");
        assertThat(problems(request)).containsExactly(new FieldError("noData", "must be one of nodata, ok, keep_state"));
    }

    @Test
    void fillsInDefaultsForEverythingButNameKindAndSpec() {
        RuleDefinition definition = request("disk full", "metric_threshold", null, null).toDefinition(LOOSE);

        assertThat(definition.name()).isEqualTo("disk full");
        assertThat(definition.kind()).isEqualTo(RuleKind.METRIC_THRESHOLD);
        assertThat(definition.spec()).isEqualTo(validSpec("metric_threshold"));
        assertThat(definition.intervalSeconds()).isEqualTo(60);
        assertThat(definition.forSeconds()).isZero();
        assertThat(definition.keepFiringForSeconds()).isZero();
        assertThat(definition.labels()).isEmpty();
        assertThat(definition.annotations()).isEmpty();
        assertThat(definition.enabled()).isTrue();
        assertThat(definition.noData()).isEqualTo(NoData.NODATA);
    }

    @Test
    void trimsTheName() {
        assertThat(request("  disk full \t", "absence", null, null).toDefinition(LOOSE).name()).isEqualTo("disk full");
    }

    @Test
    void keepsNullsInsideTheSpec() {
        Map<String, Object> spec = new HashMap<>();
        spec.put("service", "checkout");
        spec.put("operation", null);
        spec.put("threshold", 0.05);
        RuleRequest request = new RuleRequest("errors", "error_rate", spec, 30, 120, 60, Map.of("team", "shop"),
                Map.of("summary", "too many errors"), false, "keep_state");

        RuleDefinition definition = request.toDefinition(LOOSE);

        assertThat(definition.spec()).containsEntry("service", "checkout").containsEntry("operation", null);
        assertThat(definition.intervalSeconds()).isEqualTo(30);
        assertThat(definition.forSeconds()).isEqualTo(120);
        assertThat(definition.keepFiringForSeconds()).isEqualTo(60);
        assertThat(definition.labels()).containsExactly(Map.entry("team", "shop"));
        assertThat(definition.enabled()).isFalse();
        assertThat(definition.noData()).isEqualTo(NoData.KEEP_STATE);
    }

    @Test
    void aPromQlRuleTreatsAnEmptyResultAsNoAlertUnlessItSaysOtherwise() {
        assertThat(request("r", "promql", null, null).toDefinition(LOOSE).noData()).isEqualTo(NoData.OK);
        assertThat(new RuleRequest("r", "promql", validSpec("promql"), null, null, null, null, null, null, "nodata")
                .toDefinition(LOOSE).noData()).isEqualTo(NoData.NODATA);
    }

    @Test
    void acceptsEveryKnownKind() {
        for (String kind : RuleKind.ids()) {
            assertThat(request("r", kind, null, null).toDefinition(LOOSE).kind().id()).isEqualTo(kind);
        }
    }

    @Test
    void rejectsABlankNameNamingTheField() {
        assertThat(problems(request(" ", "absence", null, null)))
                .containsExactly(new FieldError("name", "is required"));
    }

    @Test
    void rejectsAnOverlongName() {
        assertThat(problems(request("n".repeat(256), "absence", null, null)))
                .containsExactly(new FieldError("name", "must have at most 255 characters"));
    }

    @Test
    void rejectsAnUnknownKindListingTheKnownOnes() {
        assertThat(problems(request("r", "threshold", null, null))).containsExactly(new FieldError("kind",
                "must be one of metric_threshold, error_rate, latency_quantile, log_count, absence, promql"));
    }

    @Test
    void rejectsAnIntervalBelowOneSecondAndAboveOneDay() {
        assertThat(problems(request("r", "absence", 0, null)))
                .containsExactly(new FieldError("intervalSeconds", "must be at least 1"));
        assertThat(problems(request("r", "absence", 86_401, null)))
                .containsExactly(new FieldError("intervalSeconds", "must be at most 86400"));
    }

    @Test
    void rejectsLabelNamesPrometheusWouldNotAccept() {
        assertThat(problems(request("r", "absence", null, Map.of("team-name", "shop"))))
                .extracting(FieldError::field).containsExactly("labels.team-name");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        RuleRequest request = new RuleRequest(null, null, null, -5, -1, -2, null, null, null, "sometimes");

        assertThat(problems(request)).extracting(FieldError::field)
                .containsExactly("name", "kind", "intervalSeconds", "forSeconds", "keepFiringForSeconds", "noData");
    }

    @Test
    void rejectsASpecThatDoesNotFitTheKind() {
        RuleRequest request = new RuleRequest("r", "absence", Map.of("signal", "metrics", "service", "checkout"),
                null, null, null, null, null, null, null);

        assertThat(problems(request)).containsExactly(new FieldError("spec.metric", "is required when signal is metrics"));
    }

    private static RuleRequest request(String name, String kind, Integer interval, Map<String, String> labels) {
        return new RuleRequest(name, kind, validSpec(kind), interval, null, null, labels, null, null, null);
    }

    /** The smallest valid spec of each kind; null for an unknown kind. */
    private static Map<String, Object> validSpec(String kind) {
        return switch (kind == null ? "" : kind) {
            case "metric_threshold" -> Map.of("metric", "system.cpu.utilization", "threshold", 0.9);
            case "error_rate" -> Map.of("service", "checkout", "threshold", 0.05);
            case "latency_quantile" -> Map.of("service", "checkout", "threshold", 250);
            case "log_count" -> Map.of("bodyContains", "OutOfMemoryError");
            case "absence" -> Map.of("signal", "traces", "service", "checkout");
            case "promql" -> Map.of("expr", "up == 0");
            default -> null;
        };
    }

    private static java.util.List<FieldError> problems(RuleRequest request) {
        return problems(request, LOOSE);
    }

    private static java.util.List<FieldError> problems(RuleRequest request, RuleLimits limits) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> request.toDefinition(limits));
        assertThat(e).as("expected the request to be rejected").isNotNull();
        return e.fields();
    }
}
