package dev.vigil.query.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void keepsEveryNanosecond() {
        // 2026-11-22T10:15:30Z is 1795342530 s after the epoch.
        assertThat(Timestamps.fromUnixNanos(1_795_342_530_123_456_789L)).isEqualTo("2026-11-22T10:15:30.123456789Z");
    }

    @Test
    void alwaysWritesNineFractionDigits() {
        assertThat(Timestamps.fromUnixNanos(1_795_342_530_000_000_000L)).isEqualTo("2026-11-22T10:15:30.000000000Z");
        assertThat(Timestamps.fromUnixNanos(1_795_342_530_120_000_000L)).isEqualTo("2026-11-22T10:15:30.120000000Z");
        assertThat(Timestamps.fromUnixNanos(0)).isEqualTo("1970-01-01T00:00:00.000000000Z");
    }

    @Test
    void sortsAsStringsTheWayTheTimesSort() {
        String earlier = Timestamps.fromUnixNanos(1_795_342_530_999_999_999L);
        String later = Timestamps.fromUnixNanos(1_795_342_531_000_000_000L);
        assertThat(earlier).isLessThan(later);
    }

    @Test
    void handlesTimesBeforeTheEpoch() {
        assertThat(Timestamps.fromUnixNanos(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
    }
}
