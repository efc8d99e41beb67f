package dev.vigil.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueryConfigCheckTest {

    private record Config(Duration defaultWindow, Duration maxWindow, int defaultLimit, int maxLimit)
            implements QueryConfig {
    }

    @Test
    void acceptsTheDefaults() {
        assertThat(QueryConfigCheck.problems(new Config(Duration.ofHours(1), Duration.ofDays(7), 20, 1000))).isEmpty();
    }

    @Test
    void namesEverySettingThatIsUnusable() {
        assertThat(QueryConfigCheck.problems(new Config(Duration.ZERO, Duration.ofDays(7), 20, 1000)))
                .containsExactly("vigil.query.default-window must be at least 1s, got PT0S");
        assertThat(QueryConfigCheck.problems(new Config(Duration.ofHours(2), Duration.ofHours(1), 20, 1000)))
                .containsExactly("vigil.query.max-window must be at least vigil.query.default-window, got PT1H");
        assertThat(QueryConfigCheck.problems(new Config(Duration.ofHours(1), Duration.ofDays(1), 2000, 1000)))
                .containsExactly("vigil.query.default-limit must be between 1 and vigil.query.max-limit, got 2000");
        assertThat(QueryConfigCheck.problems(new Config(Duration.ofHours(1), Duration.ofDays(1), 0, 0)))
                .containsExactly("vigil.query.max-limit must be positive, got 0",
                        "vigil.query.default-limit must be between 1 and vigil.query.max-limit, got 0");
    }
}
