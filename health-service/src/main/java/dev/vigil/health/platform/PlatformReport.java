package dev.vigil.health.platform;

import dev.vigil.health.status.HealthStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/v1/platform}: the overall status (the worst of every part's), every service's
 * readiness, ordered by name, and the infrastructure's health.
 *
 * @param ingest {@code null} when no ingest-service is configured to scrape
 */
public record PlatformReport(HealthStatus status, List<ServiceHealth> services, KafkaHealth kafka,
        ClickHouseHealth clickhouse, PostgresHealth postgres, IngestHealth ingest) {

    public PlatformReport {
        services = List.copyOf(services);
    }

    /** Every part's status by subject ({@code platform}, {@code platform/kafka} …), in a stable order. */
    public Map<String, HealthStatus> statuses() {
        Map<String, HealthStatus> statuses = new LinkedHashMap<>();
        statuses.put("platform", status);
        services.forEach(s -> statuses.put("platform/services/" + s.name(), s.status().health()));
        statuses.put("platform/kafka", kafka.status());
        statuses.put("platform/clickhouse", clickhouse.status());
        statuses.put("platform/postgres", postgres.status());
        if (ingest != null) {
            statuses.put("platform/ingest", ingest.status());
        }
        return statuses;
    }

    /** Why a part is not healthy, by subject; only parts that say. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        services.forEach(s -> {
            if (s.error() != null) {
                errors.put("platform/services/" + s.name(), s.error());
            }
        });
        if (kafka.error() != null) {
            errors.put("platform/kafka", kafka.error());
        }
        if (clickhouse.error() != null) {
            errors.put("platform/clickhouse", clickhouse.error());
        }
        if (postgres.error() != null) {
            errors.put("platform/postgres", postgres.error());
        }
        if (ingest != null && ingest.error() != null) {
            errors.put("platform/ingest", ingest.error());
        }
        return errors;
    }
}
