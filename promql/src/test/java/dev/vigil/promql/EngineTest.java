package dev.vigil.promql;

import dev.vigil.promql.Value.Sample;
import dev.vigil.promql.Value.Scalar;
import dev.vigil.promql.Value.Vector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EngineTest {
    private static final long MIN = 60_000;

    private static Double[] ramp(double from, double by, int count) {
        Double[] out = new Double[count];
        for (int i = 0; i < count; i++) {
            out[i] = from + by * i;
        }
        return out;
    }

    private static Value at(SeriesFixture data, String query, long timeMs) {
        return new Engine(data, Engine.Limits.defaults()).instant(Parser.parse(query), timeMs);
    }

    private static double single(Value v) {
        if (v instanceof Scalar s) {
            return s.value();
        }
        Vector vector = (Vector) v;
        assertThat(vector.samples()).hasSize(1);
        return vector.samples().get(0).value();
    }

    private static Map<Labels, Double> byLabels(Value v) {
        Map<Labels, Double> out = new java.util.HashMap<>();
        for (Sample s : ((Vector) v).samples()) {
            out.put(s.labels(), s.value());
        }
        return out;
    }

    @Test
    void aSelectorSeesTheLatestSampleWithinFiveMinutes() {
        SeriesFixture data = new SeriesFixture().add(Labels.of("__name__", "up", "job", "api"), 0, MIN, 1.0, 2.0);
        assertThat(single(at(data, "up", MIN + 4 * MIN + 59_000))).isEqualTo(2.0);
        assertThat(((Vector) at(data, "up", 6 * MIN)).samples()).isEmpty();
        assertThat(((Vector) at(data, "up", 6 * MIN - 1)).samples()).hasSize(1);
    }

    @Test
    void aStaleMarkerEndsTheSeriesAtOnce() {
        double stale = Double.longBitsToDouble(Series.STALE_NAN_BITS);
        SeriesFixture data = new SeriesFixture().add(Labels.of("__name__", "up"), 0, MIN, 1.0, stale);
        assertThat(((Vector) at(data, "up", MIN + 1000)).samples()).isEmpty();
        assertThat(single(at(data, "count_over_time(up[5m])", MIN + 1000))).isEqualTo(1.0);
    }

    @Test
    void rateAndIncreaseExtrapolateAsPrometheusDoes() {
        SeriesFixture data = new SeriesFixture().add(Labels.of("__name__", "http_requests_total", "path", "/foo"), 0, 5 * MIN, ramp(0, 10, 11));
        // (0m, 50m] holds 10..100: 90 over 45 minutes, extrapolated by 5 minutes towards the start (not below zero).
        assertThat(single(at(data, "increase(http_requests_total[50m])", 50 * MIN))).isCloseTo(100.0, within(1e-9));
        assertThat(single(at(data, "rate(http_requests_total[50m])", 50 * MIN))).isCloseTo(100.0 / 3000, within(1e-12));
        assertThat(single(at(data, "delta(http_requests_total[50m])", 50 * MIN))).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void counterResetsAreAddedBack() {
        SeriesFixture data = new SeriesFixture().add(Labels.of("__name__", "c"), 0, MIN, 0.0, 10.0, 20.0, 5.0, 15.0);
        // (0, 4m] holds 10, 20, 5, 15: 5 + 20 after the reset = 25 over 3 minutes, extrapolated by one minute.
        assertThat(single(at(data, "increase(c[4m])", 4 * MIN))).isCloseTo(25.0 * 240 / 180, within(1e-9));
        assertThat(single(at(data, "resets(c[4m])", 4 * MIN))).isEqualTo(1.0);
        assertThat(single(at(data, "irate(c[4m])", 4 * MIN))).isCloseTo(10.0 / 60, within(1e-12));
        assertThat(single(at(data, "changes(c[4m])", 4 * MIN))).isEqualTo(3.0);
    }

    @Test
    void aggregatesByAndWithoutLabels() {
        SeriesFixture data = new SeriesFixture()
                .add(Labels.of("__name__", "m", "job", "a", "i", "1"), 0, MIN, 1.0)
                .add(Labels.of("__name__", "m", "job", "a", "i", "2"), 0, MIN, 3.0)
                .add(Labels.of("__name__", "m", "job", "b", "i", "1"), 0, MIN, 10.0);
        assertThat(byLabels(at(data, "sum by (job) (m)", 0))).isEqualTo(Map.of(Labels.of("job", "a"), 4.0, Labels.of("job", "b"), 10.0));
        assertThat(byLabels(at(data, "avg without (i) (m)", 0))).isEqualTo(Map.of(Labels.of("job", "a"), 2.0, Labels.of("job", "b"), 10.0));
        assertThat(byLabels(at(data, "topk(1, m)", 0))).containsOnlyKeys(Labels.of("__name__", "m", "job", "b", "i", "1"));
        assertThat(single(at(data, "quantile(0.5, m)", 0))).isEqualTo(3.0);
        assertThat(byLabels(at(data, "count_values(\"v\", m)", 0))).containsEntry(Labels.of("v", "10"), 1.0);
        assertThat(single(at(data, "stddev(m{job=\"a\"})", 0))).isEqualTo(1.0);
    }

    @Test
    void matchesVectorsOneToOneAndManyToOne() {
        SeriesFixture data = new SeriesFixture()
                .add(Labels.of("__name__", "errors", "job", "a", "code", "500"), 0, MIN, 2.0)
                .add(Labels.of("__name__", "errors", "job", "a", "code", "503"), 0, MIN, 4.0)
                .add(Labels.of("__name__", "requests", "job", "a"), 0, MIN, 8.0)
                .add(Labels.of("__name__", "info", "job", "a", "team", "red"), 0, MIN, 1.0);
        assertThat(byLabels(at(data, "errors / ignoring (code) group_left requests", 0)))
                .isEqualTo(Map.of(Labels.of("job", "a", "code", "500"), 0.25, Labels.of("job", "a", "code", "503"), 0.5));
        assertThat(byLabels(at(data, "sum by (job) (errors) / on (job) requests", 0))).isEqualTo(Map.of(Labels.of("job", "a"), 0.75));
        assertThat(byLabels(at(data, "requests * on (job) group_left (team) info", 0))).isEqualTo(Map.of(Labels.of("job", "a", "team", "red"), 8.0));
        assertThatThrownBy(() -> at(data, "requests / on (job) errors", 0))
                .isInstanceOf(QueryException.class).hasMessageContaining("many-to-many matching not allowed");
    }

    @Test
    void comparisonsFilterUnlessBoolIsAsked() {
        SeriesFixture data = new SeriesFixture()
                .add(Labels.of("__name__", "m", "i", "1"), 0, MIN, 1.0)
                .add(Labels.of("__name__", "m", "i", "2"), 0, MIN, 5.0);
        assertThat(byLabels(at(data, "m > 2", 0))).isEqualTo(Map.of(Labels.of("__name__", "m", "i", "2"), 5.0));
        assertThat(byLabels(at(data, "m > bool 2", 0))).isEqualTo(Map.of(Labels.of("i", "1"), 0.0, Labels.of("i", "2"), 1.0));
        assertThat(single(at(data, "2 < bool 3", 0))).isEqualTo(1.0);
        assertThat(byLabels(at(data, "m and m > 2", 0))).containsOnlyKeys(Labels.of("__name__", "m", "i", "2"));
        assertThat(byLabels(at(data, "m unless m > 2", 0))).containsOnlyKeys(Labels.of("__name__", "m", "i", "1"));
    }

    @Test
    void histogramQuantileInterpolatesInsideTheBucket() {
        SeriesFixture data = new SeriesFixture()
                .add(Labels.of("__name__", "d_bucket", "le", "0.1"), 0, MIN, 10.0)
                .add(Labels.of("__name__", "d_bucket", "le", "0.5"), 0, MIN, 20.0)
                .add(Labels.of("__name__", "d_bucket", "le", "+Inf"), 0, MIN, 20.0);
        assertThat(single(at(data, "histogram_quantile(0.5, d_bucket)", 0))).isCloseTo(0.1, within(1e-12));
        assertThat(single(at(data, "histogram_quantile(0.75, d_bucket)", 0))).isCloseTo(0.3, within(1e-12));
        assertThat(single(at(data, "histogram_quantile(1, d_bucket)", 0))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void offsetAndAtMoveWhereTheSelectorReads() {
        SeriesFixture data = new SeriesFixture().add(Labels.of("__name__", "g"), 0, MIN, ramp(0, 1, 11));
        assertThat(single(at(data, "g offset 3m", 10 * MIN))).isEqualTo(7.0);
        assertThat(single(at(data, "g @ 120", 10 * MIN))).isEqualTo(2.0);
        assertThat(single(at(data, "g @ 120 offset 1m", 10 * MIN))).isEqualTo(1.0);
    }

    @Test
    void subqueriesEvaluateOnStepsAlignedToTheirResolution() {
        SeriesFixture data = new SeriesFixture().add(Labels.of("__name__", "g"), 0, MIN, ramp(0, 1, 31));
        // (10m, 30m] at 5 m steps: 15m, 20m, 25m, 30m.
        assertThat(single(at(data, "count_over_time(g[20m:5m])", 30 * MIN))).isEqualTo(4.0);
        assertThat(single(at(data, "min_over_time(g[20m:5m])", 30 * MIN))).isEqualTo(15.0);
    }

    @Test
    void labelFunctionsRewriteLabels() {
        SeriesFixture data = new SeriesFixture().add(Labels.of("__name__", "m", "instance", "host-1:9100", "job", "node"), 0, MIN, 1.0);
        assertThat(byLabels(at(data, "label_replace(m, \"host\", \"$1\", \"instance\", \"(.*):.*\")", 0)))
                .containsOnlyKeys(Labels.of("__name__", "m", "instance", "host-1:9100", "job", "node", "host", "host-1"));
        assertThat(byLabels(at(data, "label_join(m, \"both\", \"/\", \"job\", \"instance\")", 0)))
                .containsOnlyKeys(Labels.of("__name__", "m", "instance", "host-1:9100", "job", "node", "both", "node/host-1:9100"));
        assertThat(byLabels(at(data, "absent(nothing{job=\"x\", a=~\"y\"})", 0))).isEqualTo(Map.of(Labels.of("job", "x"), 1.0));
        assertThat(((Vector) at(data, "absent(m)", 0)).samples()).isEmpty();
    }

    @Test
    void aRangeQueryGivesOneValuePerStep() {
        SeriesFixture data = new SeriesFixture().add(Labels.of("__name__", "g", "k", "v"), 0, MIN, ramp(0, 1, 11));
        Map<Labels, Engine.RangeRow> out = new Engine(data, Engine.Limits.defaults()).range(Parser.parse("g * 2"), 0, 10 * MIN, 5 * MIN);
        assertThat(out).containsOnlyKeys(Labels.of("k", "v"));
        assertThat(out.get(Labels.of("k", "v")).values()).containsExactly(0, 10, 20);
        assertThat(out.get(Labels.of("k", "v")).present().cardinality()).isEqualTo(3);
        Map<Labels, Engine.RangeRow> gap = new Engine(data, Engine.Limits.defaults()).range(Parser.parse("g offset 8m"), 0, 10 * MIN, 5 * MIN);
        assertThat(gap.get(Labels.of("__name__", "g", "k", "v")).present().get(0)).isFalse();
        assertThatThrownBy(() -> new Engine(data, Engine.Limits.defaults()).range(Parser.parse("g[5m]"), 0, MIN, MIN))
                .isInstanceOf(QueryException.class).hasMessageContaining("invalid expression type \"range vector\" for range query");
    }

    @Test
    void refusesAQueryThatWouldReadTooManySamples() {
        SeriesFixture data = new SeriesFixture().add(Labels.of("__name__", "g"), 0, 1000, ramp(0, 1, 1000));
        Engine small = new Engine(data, new Engine.Limits(100, Duration.ofSeconds(10), Engine.DEFAULT_LOOKBACK_MS));
        assertThatThrownBy(() -> small.instant(Parser.parse("sum_over_time(g[20m])"), 1000 * 1000))
                .isInstanceOf(QueryException.class)
                .satisfies(e -> assertThat(((QueryException) e).errorType()).isEqualTo("execution"));
    }

    @Test
    void timeFunctionsReadTheEvaluationTimeInUtc() {
        SeriesFixture data = new SeriesFixture();
        // 2021-01-04T07:40:00Z, a Monday.
        long t = 1_609_746_000_000L; // fixed date: a calendar answer is checked, nothing is stored
        assertThat(single(at(data, "hour()", t))).isEqualTo(7.0);
        assertThat(single(at(data, "day_of_week()", t))).isEqualTo(1.0);
        assertThat(single(at(data, "days_in_month()", t))).isEqualTo(31.0);
        assertThat(single(at(data, "time()", t))).isEqualTo(1_609_746_000.0);
    }
}
