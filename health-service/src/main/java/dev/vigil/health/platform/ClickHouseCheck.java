package dev.vigil.health.platform;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.query.ServerParameters;
import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.Thresholds;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the ClickHouse server: the active parts of Vigil's database ({@code system.parts}) and the insert
 * rate from the server's {@code InsertedRows} event counter ({@code system.events}; {@code system.query_log} is
 * not there on every server, the embedded one included). Blocking: call it from a worker thread.
 */
@Startup // built at start-up, off the event loop that runs the first probe round
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
        // In "system": Vigil's database may not exist yet (the persist stage creates it), and that is no fault.
        QuerySettings settings = new QuerySettings().setDatabase("system")
                .setMaxExecutionTime((int) Math.max(1, config.probeTimeout().toSeconds()));
        long start = System.nanoTime();
        GenericRecord partCounts;
        long latency;
        long insertedRows;
        try {
            // The parts query doubles as the reachability check: a server that cannot answer it is of no use.
            partCounts = client.queryAll(PARTS, ServerParameters.bind(Map.of("database", database)), settings).getFirst();
            latency = (System.nanoTime() - start) / 1_000_000;
            List<GenericRecord> rows = client.queryAll(INSERTED_ROWS, settings);
            insertedRows = rows.isEmpty() ? 0 : rows.getFirst().getLong("rows");
        } catch (RuntimeException e) {
            previousRows = null;
            return new ClickHouseHealth(HealthStatus.CRITICAL, "unreachable: " + describe(e), null, null, null,
                    null, clock.instant());
        }
        Instant now = clock.instant();
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
    }

    /** The client's message with its root cause's, which says what actually went wrong. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
