package dev.vigil.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    private record Config(Duration defaultWindow, Duration maxWindow, int defaultLimit, int maxLimit)
            implements QueryConfig {
    }

    private static final QueryConfig CONFIG = new Config(Duration.ofHours(1), Duration.ofDays(7), 20, 1000);

    @Test
    void readsDurationsWithUnitsOrAsMilliseconds() {
        assertThat(QueryParameters.durationNanos("250ms", "d")).contains(250_000_000L);
        assertThat(QueryParameters.durationNanos("1.5s", "d")).contains(1_500_000_000L);
        assertThat(QueryParameters.durationNanos("2m", "d")).contains(120_000_000_000L);
        assertThat(QueryParameters.durationNanos("1h", "d")).contains(3_600_000_000_000L);
        assertThat(QueryParameters.durationNanos("100us", "d")).contains(100_000L);
        assertThat(QueryParameters.durationNanos("100µs", "d")).contains(100_000L);
        assertThat(QueryParameters.durationNanos("7ns", "d")).contains(7L);
        assertThat(QueryParameters.durationNanos("20", "d")).contains(20_000_000L);
        assertThat(QueryParameters.durationNanos(null, "d")).isEmpty();
        assertThat(QueryParameters.durationNanos("", "d")).isEmpty();
    }

    @Test
    void rejectsDurationsThatAreNotOneNumberAndOneUnit() {
        for (String bad : List.of("fast", "-1ms", "1.5", "1e3s", "5 s", "1s1ms", "9999999999999h")) {
            assertThatThrownBy(() -> QueryParameters.durationNanos(bad, "minDuration")).as(bad)
                    .hasMessageStartingWith("query parameter 'minDuration' ");
        }
    }

    @Test
    void boundsTheLimit() {
        assertThat(QueryParameters.limit(null, CONFIG)).isEqualTo(20);
        assertThat(QueryParameters.limit("1000", CONFIG)).isEqualTo(1000);
        assertThatThrownBy(() -> QueryParameters.limit("1001", CONFIG))
                .hasMessage("query parameter 'limit' must be between 1 and 1000");
        assertThatThrownBy(() -> QueryParameters.limit("0", CONFIG))
                .hasMessage("query parameter 'limit' must be between 1 and 1000");
        assertThatThrownBy(() -> QueryParameters.limit("12345678901234567890", CONFIG))
                .hasMessage("query parameter 'limit' must be a whole number");
    }

    @Test
    void roundTripsCursorsAndRejectsForeignOnes() {
        String cursor = QueryParameters.cursor("1795342530000000000", "5b8efff798038103d269b633813fc60c");

        assertThat(QueryParameters.cursor(cursor, 2))
                .contains(List.of("1795342530000000000", "5b8efff798038103d269b633813fc60c"));
        assertThat(QueryParameters.cursor(null, 2)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> QueryParameters.cursor(cursor, 1))
                .hasMessage("query parameter 'cursor' is not a cursor this API returned");
        assertThatThrownBy(() -> QueryParameters.cursor("'; DROP TABLE x; --", 1))
                .hasMessage("query parameter 'cursor' is not a cursor this API returned");
    }

    @Test
    void acceptsNamesUpTo256CharactersWithoutControlCharacters() {
        assertThat(QueryParameters.text("x' OR '1'='1", "service")).contains("x' OR '1'='1");
        assertThatThrownBy(() -> QueryParameters.text("a\u0000b", "service"))
                .hasMessage("query parameter 'service' must not contain control characters");
        assertThatThrownBy(() -> QueryParameters.text("s".repeat(257), "service"))
                .hasMessage("query parameter 'service' must be at most 256 characters");
    }

    @Test
    void aStepIsWholeUnitsAndDefaultsToAboutSixtyBuckets() {
        assertThat(QueryParameters.step("10s", 3_600, QueryParameters.StepUnit.SECONDS)).isEqualTo(10);
        assertThat(QueryParameters.step(null, 3_600, QueryParameters.StepUnit.SECONDS)).isEqualTo(60);
        assertThat(QueryParameters.step(null, 1_801, QueryParameters.StepUnit.SECONDS)).isEqualTo(31);
        assertThat(QueryParameters.step(null, 30, QueryParameters.StepUnit.SECONDS)).isEqualTo(1);
        assertThat(QueryParameters.step("2m", 3_600, QueryParameters.StepUnit.MINUTES)).isEqualTo(120);
        assertThat(QueryParameters.step(null, 3_600, QueryParameters.StepUnit.MINUTES)).isEqualTo(60);
        assertThat(QueryParameters.step(null, 6 * 3_600, QueryParameters.StepUnit.MINUTES)).isEqualTo(360);
    }

    @Test
    void aStepThatIsNotWholeUnitsOrMakesTooManyBucketsIsRefusedNamingIt() {
        assertThatThrownBy(() -> QueryParameters.step("1.5s", 3_600, QueryParameters.StepUnit.SECONDS))
                .hasMessageContaining("step").hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> QueryParameters.step("90s", 3_600, QueryParameters.StepUnit.MINUTES))
                .hasMessageContaining("whole number of minutes");
        assertThatThrownBy(() -> QueryParameters.step("0s", 3_600, QueryParameters.StepUnit.SECONDS))
                .hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> QueryParameters.step("1s", 86_400, QueryParameters.StepUnit.SECONDS))
                .hasMessageContaining("makes more than 1440 points");
        assertThat(QueryParameters.step("1s", 1_440, QueryParameters.StepUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> QueryParameters.step("1s", 1_441, QueryParameters.StepUnit.SECONDS))
                .hasMessageContaining("makes more than 1440 points");
    }
}
