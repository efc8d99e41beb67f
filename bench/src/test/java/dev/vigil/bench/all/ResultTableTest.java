package dev.vigil.bench.all;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.bench.all.Measure.Goal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void aFigureMeetsAnAtLeastGoalFromTheBoundUp() {
        assertThat(Measure.of("spans/s", 40_000, "/s", null, Goal.atLeast(40_000)).met()).contains(true);
        assertThat(Measure.of("spans/s", 39_999, "/s", null, Goal.atLeast(40_000)).met()).contains(false);
    }

    @Test
    void aFigureMeetsAnAtMostGoalUpToTheBound() {
        assertThat(Measure.of("p99", 50, " ms", null, Goal.atMost(50)).met()).contains(true);
        assertThat(Measure.of("p99", 50.1, " ms", null, Goal.atMost(50)).met()).contains(false);
    }

    @Test
    void aFigureMeetsABelowGoalOnlyUnderTheBound() {
        assertThat(Measure.of("p99", 49.9, " ms", null, Goal.below(50)).met()).contains(true);
        assertThat(Measure.of("p99", 50, " ms", null, Goal.below(50)).met()).contains(false);
        assertThat(Measure.of("p99", 50, " ms", null, Goal.below(50)).goalText()).isEqualTo("< 50.0 ms");
    }

    @Test
    void aFigureThatWasNotMeasuredMeetsNoGoal() {
        assertThat(Measure.of("rss", Double.NaN, " MB", null, Goal.atMost(512)).met()).contains(false);
        assertThat(Measure.of("rss", Double.NaN, " MB", null, Goal.atMost(512)).figure()).isEqualTo("n/a MB");
    }

    @Test
    void aFigureWithoutAGoalIsForInformation() {
        Measure kafka = Measure.of("rss kafka", 435.3, " MB", null, null);

        assertThat(kafka.met()).isEmpty();
        assertThat(ResultTable.render(List.of(kafka))).contains("| rss kafka | 435.3 MB | — | — | (information) |");
    }

    @Test
    void theTableShowsFigureBaselineGoalAndVerdictPerRow() {
        String table = ResultTable.render(List.of(
                Measure.of("spans stored/s", 41_234.4, "/s", "70,000/s raw insert", Goal.atLeast(40_000)),
                Measure.of("stored ÷ raw", 0.59, "", null, Goal.atLeast(0.6))));

        assertThat(table.lines()).containsExactly(
                "| measure | figure | baseline (same run) | goal | met |",
                "|---|---:|---|---|---|",
                "| spans stored/s | 41,234/s | 70,000/s raw insert | ≥ 40,000/s | met |",
                "| stored ÷ raw | 0.59 | — | ≥ 0.60 | **not met** |");
    }

    @Test
    void theSummaryCountsOnlyMeasuresWithAGoal() {
        List<Measure> measures = List.of(Measure.of("a", 1, "", null, Goal.atLeast(1)),
                Measure.of("b", 0, "", null, Goal.atLeast(1)), Measure.of("c", 5, "", null, null));

        assertThat(ResultTable.summary(measures)).startsWith("1 of 2 goals met");
        assertThat(ResultTable.summary(measures.subList(0, 1))).isEqualTo("all 1 goals met");
    }
}
