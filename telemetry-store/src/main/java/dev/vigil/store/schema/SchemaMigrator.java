package dev.vigil.store.schema;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.client.ClickHouseConfigCheck;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Brings the ClickHouse schema up to date: creates the database, then runs every schema file
 * {@link Migrations#discover()} finds that {@code vigil_schema_migrations} does not list yet, in version order, one
 * statement per request, and records it there. The files are idempotent, so a run cut short is repeated safely, and
 * a second run applies nothing.
 *
 * <p>With {@code vigil.clickhouse.cluster.name} set, each statement is sent in its cluster form ({@link ClusterDdl}):
 * {@code ON CLUSTER}, replicated local tables and {@code Distributed} tables under the names readers use. Without it
 * the statements are sent exactly as the files render them.
 */
@Singleton
public final class SchemaMigrator {
    private static final long STATEMENT_TIMEOUT_SECONDS = 120;
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    private final Client client;
    private final String database;
    private final Retention retention;
    private final String cluster;

    @Inject
    SchemaMigrator(Client client, ClickHouseConfig config) {
        this(client, config.database(), Retention.of(config.retention()), config.cluster().name().orElse(""));
        ClickHouseConfigCheck.validate(config);
    }

    private SchemaMigrator(Client client, String database, Retention retention, String cluster) {
        if (!ClickHouseConfigCheck.isPlainIdentifier(database)) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        if (!cluster.isEmpty() && !ClickHouseConfigCheck.isPlainIdentifier(cluster)) {
            throw new IllegalArgumentException("not a plain cluster name: " + cluster);
        }
        this.client = client;
        this.database = database;
        this.retention = retention;
        this.cluster = cluster;
    }

    /** A migrator outside CDI, for a database and retention of the caller's choosing (tests, one-shot jobs). */
    public static SchemaMigrator of(Client client, String database, Retention retention) {
        return new SchemaMigrator(client, database, retention, "");
    }

    /** The same on the ClickHouse cluster {@code cluster} as named in the servers' {@code remote_servers}. */
    public static SchemaMigrator onCluster(Client client, String database, Retention retention, String cluster) {
        return new SchemaMigrator(client, database, retention, cluster);
    }

    /**
     * Returns once every schema file is applied, with the ones applied by this call (none when the schema was
     * current); throws, naming the file and statement, when one fails.
     */
    public List<Migration> migrate() {
        String db = "`" + database + "`";
        bootstrap(database, cluster).forEach(this::execute);
        Map<Integer, String> applied = appliedChecksums();
        Map<String, String> placeholders = placeholders(database, retention);
        List<Migration> ran = new ArrayList<>();
        for (Migration migration : Migrations.discover()) {
            String recorded = applied.get(migration.version());
            if (recorded != null) {
                if (!recorded.equals(migration.checksum())) {
                    throw new IllegalStateException("clickhouse/" + migration.file() + " changed after it was applied"
                            + " (checksum " + recorded + " in " + database + "." + Tables.SCHEMA_MIGRATIONS + ", "
                            + migration.checksum() + " now); add a new numbered file instead of editing an applied one");
                }
                continue;
            }
            for (String statement : statements(migration, placeholders, cluster)) {
                try {
                    execute(statement);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("clickhouse/" + migration.file() + " failed at: "
                            + firstLine(statement), e);
                }
            }
            execute("INSERT INTO " + db + "." + Tables.SCHEMA_MIGRATIONS + " (version, name, checksum) VALUES ("
                    + migration.version() + ", '" + migration.name() + "', '" + migration.checksum() + "')");
            ran.add(migration);
        }
        LOG.infof("ClickHouse schema of database %s is current%s: %d migration(s) applied now, %d before",
                database, cluster.isEmpty() ? "" : " on cluster " + cluster, ran.size(), applied.size());
        return List.copyOf(ran);
    }

    /**
     * What the migrator runs before reading its history: the database and the history table, in the cluster form
     * when {@code cluster} is not empty.
     */
    public static List<String> bootstrap(String database, String cluster) {
        String db = "`" + database + "`";
        return forTopology(List.of("CREATE DATABASE IF NOT EXISTS " + db,
                "CREATE TABLE IF NOT EXISTS " + db + "." + Tables.SCHEMA_MIGRATIONS + " ("
                        + "version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)"
                        + ") ENGINE = ReplacingMergeTree ORDER BY version"), cluster);
    }

    /**
     * The statements the migrator sends for one schema file: the file rendered with {@code placeholders} and cut into
     * statements, each in its cluster form when {@code cluster} is not empty. Pure: tests render every file with it.
     */
    public static List<String> statements(Migration migration, Map<String, String> placeholders, String cluster) {
        return forTopology(SqlScript.statements(SqlScript.render(migration.text(), placeholders)), cluster);
    }

    private static List<String> forTopology(List<String> statements, String cluster) {
        if (cluster.isEmpty()) {
            return statements;
        }
        List<String> clustered = new ArrayList<>();
        statements.forEach(s -> clustered.addAll(ClusterDdl.render(s, cluster)));
        return List.copyOf(clustered);
    }

    /** The values of the placeholders schema files may use. */
    public static Map<String, String> placeholders(String database, Retention retention) {
        return Map.of(
                "database", database,
                "retention.traces", Retention.interval(retention.traces()),
                "retention.logs", Retention.interval(retention.logs()),
                "retention.metrics", Retention.interval(retention.metrics()));
    }

    private Map<Integer, String> appliedChecksums() {
        List<GenericRecord> rows = client.queryAll("SELECT version, checksum FROM `" + database + "`."
                + Tables.SCHEMA_MIGRATIONS + " FINAL ORDER BY version", new QuerySettings().setDatabase("default"));
        Map<Integer, String> applied = new LinkedHashMap<>();
        for (GenericRecord row : rows) {
            applied.put((int) row.getLong("version"), row.getString("checksum"));
        }
        return applied;
    }

    // Sent to "default": the configured database may not exist yet, and every statement names its database.
    private void execute(String sql) {
        CommandSettings settings = new CommandSettings();
        settings.setDatabase("default");
        try (CommandResponse ignored = client.execute(sql, settings).get(STATEMENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // Only success matters; DDL has no result to read.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running: " + firstLine(sql), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from ClickHouse within " + STATEMENT_TIMEOUT_SECONDS
                    + " s to: " + firstLine(sql), e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String firstLine(String sql) {
        String line = sql.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
