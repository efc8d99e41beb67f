package dev.vigil.health.platform;

import dev.vigil.health.status.HealthStatus;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ingest-service dropped, refused and rejected, from its own counters.
 *
 * @param totals    each counter's value, summed over its labels, by Prometheus name
 * @param increases how much each counter grew since the previous scrape
 * @param error     why the status is not healthy, {@code null} when it is
 */
public record IngestHealth(HealthStatus status, String error, String url, Map<String, Double> totals,
        Map<String, Double> increases, Instant checkedAt) {

    public IngestHealth {
        totals = Collections.unmodifiableMap(new TreeMap<>(totals));
        increases = Collections.unmodifiableMap(new TreeMap<>(increases));
    }
}
