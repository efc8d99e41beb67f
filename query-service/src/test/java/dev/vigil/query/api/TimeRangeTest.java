package dev.vigil.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private record Config(Duration defaultWindow, Duration maxWindow, int defaultLimit, int maxLimit)
            implements QueryConfig {
    }

    private static final QueryConfig CONFIG = new Config(Duration.ofHours(1), Duration.ofDays(7), 20, 1000);
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.5Z");

    private static TimeRange parse(String from, String to) {
        return TimeRange.parse(from, "from", to, "to", CONFIG, NOW);
    }

    @Test
    void defaultsToTheHourBeforeNow() {
        TimeRange range = parse(null, null);

        assertThat(range.toNanos()).isEqualTo(1_795_342_530_500_000_000L);
        assertThat(range.fromNanos()).isEqualTo(1_795_342_530_500_000_000L - 3_600_000_000_000L);
    }

    @Test
    void readsRfc3339WithOffsetsAndFractionsAndEpochMilliseconds() {
        TimeRange range = parse("2026-11-22T11:15:30.123456789+01:00", "1795342590000");

        assertThat(range.fromNanos()).isEqualTo(1_795_342_530_123_456_789L);
        assertThat(range.toNanos()).isEqualTo(1_795_342_590_000_000_000L);
    }

    @Test
    void roundsToWholeMinutesOutwards() {
        TimeRange range = parse("2026-11-22T10:15:30Z", "2026-11-22T10:17:00.000000001Z");

        assertThat(range.fromMinuteSeconds()).isEqualTo(1_795_342_500L);
        assertThat(range.toMinuteSeconds()).isEqualTo(1_795_342_680L);
    }

    @Test
    void rejectsAReversedOrEmptyWindowNamingFrom() {
        assertThatThrownBy(() -> parse("2026-11-22T10:00:00Z", "2026-11-22T10:00:00Z"))
                .hasMessage("query parameter 'from' must be before 'to'");
    }

    @Test
    void rejectsAWindowLongerThanTheMaximum() {
        assertThatThrownBy(() -> parse("2026-11-01T00:00:00Z", "2026-11-08T00:00:00.000000001Z"))
                .hasMessage("query parameter 'from' must be at most PT168H (vigil.query.max-window) before 'to'");
    }

    @Test
    void rejectsMalformedAndOutOfRangeTimesNamingTheParameter() {
        assertThatThrownBy(() -> parse("yesterday", null)).hasMessageStartingWith("query parameter 'from' must be RFC 3339");
        assertThatThrownBy(() -> parse(null, "99999999999999999999")).hasMessage("query parameter 'to' is too far in the future");
        assertThatThrownBy(() -> parse("1969-12-31T23:59:59Z", null)).hasMessage("query parameter 'from' must be between 1970 and 2262");
        assertThatThrownBy(() -> parse("", null)).hasMessageStartingWith("query parameter 'from' must be RFC 3339");
        assertThatThrownBy(() -> parse("2026-11-22T10:00:00Z'; DROP TABLE x; --", null))
                .hasMessageStartingWith("query parameter 'from' must be RFC 3339");
    }
}
