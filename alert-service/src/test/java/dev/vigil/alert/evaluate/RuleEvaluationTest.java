package dev.vigil.alert.evaluate;

import dev.vigil.alert.condition.Comparison;
import dev.vigil.alert.condition.NoData;
import dev.vigil.alert.condition.RuleSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuleEvaluationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static Rule rule(int forSeconds, int keepFiringForSeconds) {
        return rule(forSeconds, keepFiringForSeconds, NoData.NODATA);
    }

    private static Rule rule(int forSeconds, int keepFiringForSeconds, NoData noData) {
        return new Rule(7, "checkout errors",
                new RuleSpec.ErrorRate("checkout", null, 1, Duration.ofMinutes(5), Comparison.GREATER, 0.1),
                Duration.ofSeconds(10), Duration.ofSeconds(forSeconds), Duration.ofSeconds(keepFiringForSeconds),
                Map.of("severity", "page"), Map.of("summary", "{{ $labels.service }} fails {{ $value }}"), noData);
    }

    /** Another series of the rule, which does not violate: there is data, just not from checkout. */
    private static final List<Sample> OTHER_SERIES_ONLY = List.of(new Sample(Map.of("service", "cart"), 0.0));

    private static List<Sample> violating(double value) {
        return List.of(new Sample(Map.of("service", "checkout"), value));
    }

    @Test
    void goesPendingWhenTheConditionStartsHolding() {
        Outcome outcome = RuleEvaluation.evaluate(rule(60, 0), List.of(), violating(0.5), T0);

        assertThat(outcome.alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.PENDING);
            assertThat(a.activeAt()).isEqualTo(T0);
            assertThat(a.firedAt()).isNull();
            assertThat(a.value()).isEqualTo(0.5);
            assertThat(a.labels()).containsOnly(Map.entry("service", "checkout"), Map.entry("severity", "page"),
                    Map.entry("alertname", "checkout errors"));
            assertThat(a.annotations()).containsOnly(Map.entry("summary", "checkout fails 0.5"));
        });
        assertThat(outcome.transitions()).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(AlertState.INACTIVE);
            assertThat(t.to()).isEqualTo(AlertState.PENDING);
            assertThat(t.eventId()).hasSize(32);
        });
    }

    @Test
    void firesOnlyOnceTheConditionHeldForTheForPeriod() {
        Alert pending = RuleEvaluation.evaluate(rule(60, 0), List.of(), violating(0.5), T0).alerts().getFirst();

        Outcome early = RuleEvaluation.evaluate(rule(60, 0), List.of(pending), violating(0.6), T0.plusSeconds(59));
        assertThat(early.transitions()).isEmpty();
        assertThat(early.alerts().getFirst().state()).isEqualTo(AlertState.PENDING);
        assertThat(early.alerts().getFirst().value()).isEqualTo(0.6);

        Outcome due = RuleEvaluation.evaluate(rule(60, 0), early.alerts(), violating(0.7), T0.plusSeconds(60));
        assertThat(due.transitions()).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(AlertState.PENDING);
            assertThat(t.to()).isEqualTo(AlertState.FIRING);
        });
        assertThat(due.alerts().getFirst().firedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(due.alerts().getFirst().activeAt()).isEqualTo(T0);
    }

    @Test
    void firesAtOnceWhenForIsZero() {
        Outcome outcome = RuleEvaluation.evaluate(rule(0, 0), List.of(), violating(0.5), T0);

        assertThat(outcome.transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("INACTIVE->FIRING");
    }

    @Test
    void pendingGoesInactiveWhenTheConditionStopsHolding() {
        Alert pending = RuleEvaluation.evaluate(rule(60, 0), List.of(), violating(0.5), T0).alerts().getFirst();

        Outcome outcome = RuleEvaluation.evaluate(rule(60, 0), List.of(pending), violating(0.05), T0.plusSeconds(10));

        assertThat(outcome.transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("PENDING->INACTIVE");
    }

    @Test
    void firingResolvesWhenTheSeriesDisappearsAndKeepFiringForHasPassed() {
        Alert firing = RuleEvaluation.evaluate(rule(0, 30), List.of(), violating(0.5), T0).alerts().getFirst();

        Outcome kept = RuleEvaluation.evaluate(rule(0, 30), List.of(firing), OTHER_SERIES_ONLY, T0.plusSeconds(29));
        assertThat(kept.transitions()).isEmpty();
        assertThat(kept.alerts().getFirst().state()).isEqualTo(AlertState.FIRING);

        Outcome resolved = RuleEvaluation.evaluate(rule(0, 30), kept.alerts(), OTHER_SERIES_ONLY, T0.plusSeconds(30));
        assertThat(resolved.transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("FIRING->RESOLVED");
        assertThat(resolved.alerts().getFirst().resolvedAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aResolvedAlertThatViolatesAgainStartsANewEpisodeWithANewEventId() {
        Outcome first = RuleEvaluation.evaluate(rule(0, 0), List.of(), violating(0.5), T0);
        Outcome resolved = RuleEvaluation.evaluate(rule(0, 0), first.alerts(), violating(0.05), T0.plusSeconds(10));

        Outcome again = RuleEvaluation.evaluate(rule(0, 0), resolved.alerts(), violating(0.9), T0.plusSeconds(20));

        assertThat(again.transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("INACTIVE->FIRING");
        assertThat(again.transitions().getFirst().eventId()).isNotEqualTo(first.transitions().getFirst().eventId());
        assertThat(again.alerts().getFirst().activeAt()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void theSameChangeComputedTwiceHasTheSameEventId() {
        Alert pending = RuleEvaluation.evaluate(rule(5, 0), List.of(), violating(0.5), T0).alerts().getFirst();

        String once = RuleEvaluation.evaluate(rule(5, 0), List.of(pending), violating(0.5), T0.plusSeconds(5))
                .transitions().getFirst().eventId();
        String twice = RuleEvaluation.evaluate(rule(5, 0), List.of(pending), violating(0.8), T0.plusSeconds(6))
                .transitions().getFirst().eventId();

        assertThat(twice).isEqualTo(once);
    }

    @Test
    void firingGoesToNodataNotResolvedWhenTheQueryFindsNoDataAtAll() {
        Alert firing = RuleEvaluation.evaluate(rule(0, 0), List.of(), violating(0.5), T0).alerts().getFirst();

        Outcome stalled = RuleEvaluation.evaluate(rule(0, 0), List.of(firing), List.of(), T0.plusSeconds(10));

        assertThat(stalled.transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("FIRING->NODATA");
        Alert nodata = stalled.alerts().getFirst();
        assertThat(nodata.state()).isEqualTo(AlertState.NODATA);
        assertThat(nodata.firedAt()).isEqualTo(T0);
        assertThat(nodata.resolvedAt()).isNull();
        assertThat(RuleEvaluation.evaluate(rule(0, 0), List.of(nodata), List.of(), T0.plusSeconds(20)).transitions())
                .as("stays nodata, quietly, while there is no data").isEmpty();
    }

    @Test
    void nodataFiresAgainWhenDataComesBackViolatingAndResolvesWhenItComesBackHealthy() {
        Alert firing = RuleEvaluation.evaluate(rule(0, 0), List.of(), violating(0.5), T0).alerts().getFirst();
        Alert nodata = RuleEvaluation.evaluate(rule(0, 0), List.of(firing), List.of(), T0.plusSeconds(10))
                .alerts().getFirst();

        Outcome back = RuleEvaluation.evaluate(rule(0, 0), List.of(nodata), violating(0.7), T0.plusSeconds(20));
        assertThat(back.transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("NODATA->FIRING");
        assertThat(back.alerts().getFirst().firedAt()).as("the same episode").isEqualTo(T0);
        assertThat(back.transitions().getFirst().eventId())
                .isNotEqualTo(RuleEvaluation.evaluate(rule(0, 0), List.of(), violating(0.5), T0).transitions()
                        .getFirst().eventId());

        Outcome healthy = RuleEvaluation.evaluate(rule(0, 0), List.of(nodata), violating(0.01), T0.plusSeconds(20));
        assertThat(healthy.transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("NODATA->RESOLVED");
        assertThat(healthy.alerts().getFirst().resolvedAt()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void goingToNodataAgainLaterInTheEpisodeIsANewChangeWithItsOwnEventId() {
        Alert firing = RuleEvaluation.evaluate(rule(0, 0), List.of(), violating(0.5), T0).alerts().getFirst();
        Outcome first = RuleEvaluation.evaluate(rule(0, 0), List.of(firing), List.of(), T0.plusSeconds(10));
        Alert back = RuleEvaluation.evaluate(rule(0, 0), first.alerts(), violating(0.6), T0.plusSeconds(20))
                .alerts().getFirst();

        Outcome second = RuleEvaluation.evaluate(rule(0, 0), List.of(back), List.of(), T0.plusSeconds(30));

        assertThat(second.transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("FIRING->NODATA");
        assertThat(second.transitions().getFirst().eventId()).isNotEqualTo(first.transitions().getFirst().eventId());
        assertThat(RuleEvaluation.evaluate(rule(0, 0), List.of(back), List.of(), T0.plusSeconds(31)).transitions()
                .getFirst().eventId()).as("computed again after a crash").isEqualTo(second.transitions().getFirst().eventId());
    }

    @Test
    void noDataOkResolvesAsBeforeAndKeepStateChangesNothing() {
        Alert firing = RuleEvaluation.evaluate(rule(0, 0), List.of(), violating(0.5), T0).alerts().getFirst();

        assertThat(RuleEvaluation.evaluate(rule(0, 0, NoData.OK), List.of(firing), List.of(), T0.plusSeconds(10))
                .transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("FIRING->RESOLVED");
        Outcome kept = RuleEvaluation.evaluate(rule(0, 0, NoData.KEEP_STATE), List.of(firing), List.of(),
                T0.plusSeconds(10));
        assertThat(kept.transitions()).isEmpty();
        assertThat(kept.alerts()).isEmpty();
    }

    @Test
    void aPendingAlertAlsoGoesToNodataAndFiresOnceDataIsBackAndForHasPassed() {
        Alert pending = RuleEvaluation.evaluate(rule(60, 0), List.of(), violating(0.5), T0).alerts().getFirst();
        Alert nodata = RuleEvaluation.evaluate(rule(60, 0), List.of(pending), List.of(), T0.plusSeconds(10))
                .alerts().getFirst();
        assertThat(nodata.state()).isEqualTo(AlertState.NODATA);

        assertThat(RuleEvaluation.evaluate(rule(60, 0), List.of(nodata), violating(0.5), T0.plusSeconds(30))
                .transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("NODATA->PENDING");
        assertThat(RuleEvaluation.evaluate(rule(60, 0), List.of(nodata), violating(0.5), T0.plusSeconds(60))
                .transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("NODATA->FIRING");
    }

    @Test
    void fingerprintsDoNotDependOnLabelOrder() {
        assertThat(RuleEvaluation.fingerprint(Map.of("a", "1", "b", "2")))
                .isEqualTo(RuleEvaluation.fingerprint(new java.util.TreeMap<>(Map.of("b", "2", "a", "1"))))
                .isNotEqualTo(RuleEvaluation.fingerprint(Map.of("a", "2", "b", "1")))
                .hasSize(16);
    }

    @Test
    void theRulesLabelsWinOverTheSeriesLabels() {
        Outcome outcome = RuleEvaluation.evaluate(rule(0, 0), List.of(),
                List.of(new Sample(Map.of("service", "checkout", "severity", "low"), 0.5)), T0);

        assertThat(outcome.alerts().getFirst().labels()).containsEntry("severity", "page");
    }
}
