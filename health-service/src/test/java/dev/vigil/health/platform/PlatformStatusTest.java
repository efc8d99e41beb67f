package dev.vigil.health.platform;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.vigil.health.platform.ServiceStatus.DOWN;
import static dev.vigil.health.platform.ServiceStatus.UNKNOWN;
import static dev.vigil.health.platform.ServiceStatus.UNREACHABLE;
import static dev.vigil.health.platform.ServiceStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;

class PlatformStatusTest {

    @Test
    void isUpOnlyWhenEveryServiceIsUp() {
        assertThat(PlatformStatus.of(List.of(UP, UP, UP))).isEqualTo(PlatformStatus.UP);
    }

    @Test
    void isDegradedWhenSomeButNotAllServicesAreUp() {
        assertThat(PlatformStatus.of(List.of(UP, DOWN, UNREACHABLE))).isEqualTo(PlatformStatus.DEGRADED);
        assertThat(PlatformStatus.of(List.of(UP, UNKNOWN))).isEqualTo(PlatformStatus.DEGRADED);
    }

    @Test
    void isDownWhenNoServiceIsUp() {
        assertThat(PlatformStatus.of(List.of(DOWN, UNREACHABLE, UNKNOWN))).isEqualTo(PlatformStatus.DOWN);
    }
}
