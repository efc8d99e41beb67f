package dev.vigil.health.status;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.vigil.health.status.HealthStatus.CRITICAL;
import static dev.vigil.health.status.HealthStatus.HEALTHY;
import static dev.vigil.health.status.HealthStatus.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthStatusTest {

    @Test
    void worstOfSeveralIsTheMostSevere() {
        assertThat(HealthStatus.worst(List.of(HEALTHY, WARNING, HEALTHY))).isEqualTo(WARNING);
        assertThat(HealthStatus.worst(List.of(WARNING, CRITICAL, HEALTHY))).isEqualTo(CRITICAL);
        assertThat(HealthStatus.worst(List.of())).isEqualTo(HEALTHY);
        assertThat(HEALTHY.and(CRITICAL)).isEqualTo(CRITICAL);
        assertThat(CRITICAL.and(WARNING)).isEqualTo(CRITICAL);
    }

    @Test
    void thresholdsJudgeAtOrPastEachLevel() {
        Thresholds thresholds = new Thresholds(0.8, 0.9);

        assertThat(thresholds.judge(0.79)).isEqualTo(HEALTHY);
        assertThat(thresholds.judge(0.8)).isEqualTo(WARNING);
        assertThat(thresholds.judge(0.89)).isEqualTo(WARNING);
        assertThat(thresholds.judge(0.9)).isEqualTo(CRITICAL);
        assertThat(thresholds.judge(1.5)).isEqualTo(CRITICAL);
    }

    @Test
    void refusesAWarningAboveTheCriticalLevel() {
        assertThatThrownBy(() -> new Thresholds(0.9, 0.8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("warning must be positive and at most critical, were 0.9 and 0.8");
        assertThatThrownBy(() -> new Thresholds(0, 0.8)).isInstanceOf(IllegalArgumentException.class);
    }
}
