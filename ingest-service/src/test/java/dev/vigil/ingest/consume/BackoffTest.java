package dev.vigil.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void doublesPerFailureUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(3_200));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void takesARandomShareOfAtMostHalfOffSoThatConsumersDoNotRetryInStep() {
        for (int failures = 1; failures < 10; failures++) {
            Duration ceiling = backoff.ceiling(failures);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.after(failures)).isBetween(ceiling.dividedBy(2), ceiling);
            }
        }
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.after(3)).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void refusesAMaximumBelowTheInitialWait() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
