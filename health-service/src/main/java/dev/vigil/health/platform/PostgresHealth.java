package dev.vigil.health.platform;

import dev.vigil.health.status.HealthStatus;

import java.time.Instant;

/**
 * The PostgreSQL database.
 *
 * @param latencyMillis how long logging in and running {@code SELECT 1} took; {@code null} when it failed
 */
public record PostgresHealth(HealthStatus status, String error, Long latencyMillis, Instant checkedAt) {

    static PostgresHealth notChecked() {
        return new PostgresHealth(HealthStatus.WARNING, "not checked yet", null, null);
    }
}
