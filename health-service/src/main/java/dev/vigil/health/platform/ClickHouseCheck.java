package dev.vigil.health.platform;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import dev.vigil.health.clickhouse.ClickHouseConfig;
import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.Thresholds;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the ClickHouse server: a ping, the active parts of Vigil's database ({@code system.parts}) and the insert
 * rate from the server's {@code InsertedRows} event counter ({@code system.events}; {@code system.query_log} is
 * not there on every server, the embedded one included). Blocking: call it from a worker thread.
 */
@Singleton
final class ClickHouseCheck {

    /** Parameters: {@code database}. */
    static final String PARTS = """
            SELECT toInt64(sum(parts)) AS active, toInt64(max(parts)) AS worst
            FROM (
                SELECT count() AS parts
                FROM system.parts
                WHERE active AND database = {database:String}
                GROUP BY table, partition
            )
            """;

    static final String INSERTED_ROWS = """
            SELECT toInt64(sum(value)) AS rows FROM system.events WHERE event = 'InsertedRows'
            """;

    private final Client client;
    private final String database;
    private final PlatformConfig config;
    private final Thresholds parts;
    private final Clock clock = Clock.systemUTC();
    private Long previousRows;
    private Instant previousAt;

    ClickHouseCheck(Client client, ClickHouseConfig clickHouse, PlatformConfig config) {
        this.client = client;
        this.database = clickHouse.database();
        this.config = config;
        long warning = config.clickhouse().partsWarning();
        long critical = config.clickhouse().partsCritical();
        if (warning < 1 || critical < warning) {
            throw new IllegalStateException("vigil.health.clickhouse.parts-warning must be at least 1 and at most"
                    + " vigil.health.clickhouse.parts-critical, were " + warning + " and " + critical);
        }
        this.parts = new Thresholds(warning, critical);
    }

    synchronized ClickHouseHealth check() {
        long start = System.nanoTime();
        if (!client.ping(config.probeTimeout().toMillis())) {
            previousRows = null;
            return new ClickHouseHealth(HealthStatus.CRITICAL,
                    "unreachable: no answer within " + config.probeTimeout().toMillis() + " ms", null, null, null, null,
                    clock.instant());
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        try {
            QuerySettings settings = new QuerySettings().setMaxExecutionTime((int) Math.max(1,
                    config.probeTimeout().toSeconds()));
            GenericRecord partCounts = client.queryAll(PARTS, Map.of("database", database), settings).getFirst();
            List<GenericRecord> rows = client.queryAll(INSERTED_ROWS, settings);
            Instant now = clock.instant();
            long insertedRows = rows.isEmpty() ? 0 : rows.getFirst().getLong("rows");
            Double rate = null;
            if (previousRows != null && insertedRows >= previousRows && now.isAfter(previousAt)) {
                rate = (insertedRows - previousRows) / ((now.toEpochMilli() - previousAt.toEpochMilli()) / 1000.0);
            }
            previousRows = insertedRows;
            previousAt = now;
            long worst = partCounts.getLong("worst");
            HealthStatus status = parts.judge(worst);
            String error = status == HealthStatus.HEALTHY ? null
                    : String.format(Locale.ROOT, "%d active parts in one partition: merges fall behind inserts", worst);
            return new ClickHouseHealth(status, error, latency, partCounts.getLong("active"), worst, rate, now);
        } catch (RuntimeException e) {
            previousRows = null;
            return new ClickHouseHealth(HealthStatus.CRITICAL, "answers pings but not queries: " + e.getMessage(),
                    latency, null, null, null, clock.instant());
        }
    }
}
