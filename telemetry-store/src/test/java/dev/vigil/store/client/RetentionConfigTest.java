package dev.vigil.store.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void acceptsRetentionsThatExpireBefore2106() {
        assertThat(problems(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30))).isEmpty();
        Duration longest = Duration.between(NOW, ClickHouseConfigCheck.LATEST_EXPIRY);
        assertThat(problems(longest, longest, longest)).isEmpty();
    }

    @Test
    void refusesARetentionWhoseTtlWouldWrapPast2106NamingTheKey() {
        Duration tooLong = Duration.between(NOW, ClickHouseConfigCheck.LATEST_EXPIRY).plusDays(1);
        assertThat(problems(Duration.ofDays(7), tooLong, Duration.ofDays(30))).singleElement().asString()
                .startsWith("vigil.clickhouse.retention.logs must be at most 29068d");
        assertThat(problems(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(36_500))).singleElement()
                .asString().startsWith("vigil.clickhouse.retention.metrics must be at most");
        assertThat(problems(tooLong, Duration.ofDays(7), Duration.ofDays(7))).singleElement().asString()
                .startsWith("vigil.clickhouse.retention.traces must be at most");
    }

    @Test
    void refusesARetentionUnderAnHour() {
        assertThat(problems(Duration.ofDays(1), Duration.ofDays(1), Duration.ofMinutes(59)))
                .containsExactly("vigil.clickhouse.retention.metrics must be at least 1h, was PT59M");
    }

    private static List<String> problems(Duration traces, Duration logs, Duration metrics) {
        return ClickHouseConfigCheck.problems(
                TestConfig.defaults().withRetention(new TestConfig.Retention(traces, logs, metrics)), NOW);
    }
}
