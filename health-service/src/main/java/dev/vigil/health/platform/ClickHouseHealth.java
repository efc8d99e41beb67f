package dev.vigil.health.platform;

import dev.vigil.health.status.HealthStatus;

import java.time.Instant;

/**
 * The ClickHouse server.
 *
 * @param latencyMillis          how long the parts query took; {@code null} when it was not answered
 * @param activeParts            active parts in Vigil's database
 * @param maxPartsPerPartition   the most active parts in one partition of one table, what slows inserts down
 * @param insertedRowsPerSecond  rows inserted per second (all tables) since the previous check; {@code null} on the
 *                               first check or after the server restarted
 * @param error                  why the status is not healthy, {@code null} when it is
 */
public record ClickHouseHealth(HealthStatus status, String error, Long latencyMillis, Long activeParts,
        Long maxPartsPerPartition, Double insertedRowsPerSecond, Instant checkedAt) {

    static ClickHouseHealth notChecked() {
        return new ClickHouseHealth(HealthStatus.WARNING, "not checked yet", null, null, null, null, null);
    }
}
