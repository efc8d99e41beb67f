package dev.vigil.ingest.clickhouse;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void acceptsRetentionsThatExpireBefore2106() {
        assertThatCode(() -> RetentionConfig.validate(config(Duration.ofDays(7), Duration.ofDays(7),
                Duration.ofDays(30)), NOW)).doesNotThrowAnyException();
        Duration longest = Duration.between(NOW, RetentionConfig.LATEST_EXPIRY);
        assertThatCode(() -> RetentionConfig.validate(config(longest, longest, longest), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesARetentionWhoseTtlWouldWrapPast2106NamingTheKey() {
        Duration tooLong = Duration.between(NOW, RetentionConfig.LATEST_EXPIRY).plusDays(1);
        assertThatThrownBy(() -> RetentionConfig.validate(config(Duration.ofDays(7), tooLong, Duration.ofDays(30)), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("vigil.retention.logs must be at most 29068d");
        assertThatThrownBy(() -> RetentionConfig.validate(config(Duration.ofDays(7), Duration.ofDays(7),
                Duration.ofDays(36_500)), NOW))
                .hasMessageStartingWith("vigil.retention.metrics must be at most");
        assertThatThrownBy(() -> RetentionConfig.validate(config(tooLong, Duration.ofDays(7), Duration.ofDays(7)), NOW))
                .hasMessageStartingWith("vigil.retention.traces must be at most");
    }

    @Test
    void refusesARetentionUnderAnHour() {
        assertThatThrownBy(() -> RetentionConfig.validate(config(Duration.ofDays(1), Duration.ofDays(1),
                Duration.ofMinutes(59)), NOW))
                .hasMessage("vigil.retention.metrics must be at least 1h, was PT59M");
    }

    private static RetentionConfig config(Duration traces, Duration logs, Duration metrics) {
        return new RetentionConfig() {
            @Override
            public Duration traces() {
                return traces;
            }

            @Override
            public Duration logs() {
                return logs;
            }

            @Override
            public Duration metrics() {
                return metrics;
            }
        };
    }
}
