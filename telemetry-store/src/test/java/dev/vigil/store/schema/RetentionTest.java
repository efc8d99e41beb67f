package dev.vigil.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionTest {

    @Test
    void usesTheLargestUnitThatDividesTheRetention() {
        assertThat(Retention.interval(Duration.ofDays(7))).isEqualTo("toIntervalDay(7)");
        assertThat(Retention.interval(Duration.ofHours(36))).isEqualTo("toIntervalHour(36)");
        assertThat(Retention.interval(Duration.ofMinutes(90))).isEqualTo("toIntervalMinute(90)");
        assertThat(Retention.interval(Duration.ofSeconds(3_601))).isEqualTo("toIntervalSecond(3601)");
    }

    @Test
    void refusesANonPositiveRetention() {
        assertThatThrownBy(() -> Retention.interval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
