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
 */
@Singleton
public final class SchemaMigrator {
    private static final long STATEMENT_TIMEOUT_SECONDS = 120;
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    private final Client client;
    private final String database;
    private final Retention retention;

    @Inject
    SchemaMigrator(Client client, ClickHouseConfig config) {
        this(client, config.database(), Retention.of(config.retention()));
        ClickHouseConfigCheck.validate(config);
    }

    private SchemaMigrator(Client client, String database, Retention retention) {
        if (!ClickHouseConfigCheck.isPlainIdentifier(database)) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        this.client = client;
        this.database = database;
        this.retention = retention;
    }

    /** A migrator outside CDI, for a database and retention of the caller's choosing (tests, one-shot jobs). */
    public static SchemaMigrator of(Client client, String database, Retention retention) {
        return new SchemaMigrator(client, database, retention);
    }

    /**
     * Returns once every schema file is applied, with the ones applied by this call (none when the schema was
     * current); throws, naming the file and statement, when one fails.
     */
    public List<Migration> migrate() {
        String db = "`" + database + "`";
        execute("CREATE DATABASE IF NOT EXISTS " + db);
        execute("CREATE TABLE IF NOT EXISTS " + db + "." + Tables.SCHEMA_MIGRATIONS + " ("
                + "version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)"
                + ") ENGINE = ReplacingMergeTree ORDER BY version");
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
            for (String statement : SqlScript.statements(SqlScript.render(migration.text(), placeholders))) {
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
        LOG.infof("ClickHouse schema of database %s is current: %d migration(s) applied now, %d before",
                database, ran.size(), applied.size());
        return List.copyOf(ran);
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
