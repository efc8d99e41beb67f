package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.query.GenericRecord;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Brings the ClickHouse schema up to date: creates the database, then runs every numbered file under
 * {@code clickhouse/} that {@code vigil_schema_migrations} does not list yet, one statement per request,
 * and records it there. The files are idempotent, so a run cut short is repeated safely.
 */
@Singleton
public final class SchemaMigrator {
    /** In order. Listed here rather than discovered, so the set is fixed at build time and native images need no resource scanning. */
    static final List<String> MIGRATIONS = List.of(
            "V0001__traces.sql", "V0002__logs.sql", "V0003__metrics.sql", "V0004__access_logs.sql",
            "V0010__span_stats.sql", "V0011__dependency_spans.sql", "V0012__trace_summaries.sql",
            "V0013__trace_id_projection.sql");

    static final String HISTORY_TABLE = "vigil_schema_migrations";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{4})__([a-z0-9_]+)\\.sql");
    private static final long STATEMENT_TIMEOUT_SECONDS = 120;
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    private final Client client;
    private final ClickHouseConfig clickHouse;
    private final RetentionConfig retention;

    SchemaMigrator(Client client, ClickHouseConfig clickHouse, RetentionConfig retention) {
        this.client = client;
        this.clickHouse = clickHouse;
        this.retention = retention;
    }

    /** Returns once every migration is applied; throws, naming the file and statement, when one fails. */
    public void migrate() {
        ClickHouseConfig.validate(clickHouse);
        RetentionConfig.validate(retention);
        String db = clickHouse.database();
        execute("CREATE DATABASE IF NOT EXISTS `" + db + "`");
        execute("CREATE TABLE IF NOT EXISTS `" + db + "`." + HISTORY_TABLE + " ("
                + "version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)"
                + ") ENGINE = ReplacingMergeTree ORDER BY version");
        Map<Integer, String> applied = appliedChecksums(db);
        Map<String, String> placeholders = placeholders(db, retention);
        int ran = 0;
        for (String file : MIGRATIONS) {
            Migration migration = load(file);
            String recorded = applied.get(migration.version());
            if (recorded != null) {
                if (!recorded.equals(migration.checksum())) {
                    throw new IllegalStateException("clickhouse/" + file + " changed after it was applied (checksum "
                            + recorded + " in " + db + "." + HISTORY_TABLE + ", " + migration.checksum()
                            + " now); add a new numbered file instead of editing an applied one");
                }
                continue;
            }
            for (String statement : SqlScript.statements(SqlScript.render(migration.text(), placeholders))) {
                try {
                    execute(statement);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("clickhouse/" + file + " failed at: " + firstLine(statement), e);
                }
            }
            execute("INSERT INTO `" + db + "`." + HISTORY_TABLE + " (version, name, checksum) VALUES ("
                    + migration.version() + ", '" + migration.name() + "', '" + migration.checksum() + "')");
            ran++;
        }
        LOG.infof("ClickHouse schema of database %s is current: %d migration(s) applied now, %d before",
                db, ran, applied.size());
    }

    /** The values of the placeholders migration files may use. */
    static Map<String, String> placeholders(String database, RetentionConfig retention) {
        return Map.of(
                "database", database,
                "retention.traces", Retention.interval(retention.traces()),
                "retention.logs", Retention.interval(retention.logs()),
                "retention.metrics", Retention.interval(retention.metrics()));
    }

    private Map<Integer, String> appliedChecksums(String db) {
        List<GenericRecord> rows = client.queryAll("SELECT version, checksum FROM `" + db + "`." + HISTORY_TABLE
                + " FINAL ORDER BY version");
        Map<Integer, String> applied = new LinkedHashMap<>();
        for (GenericRecord row : rows) {
            applied.put((int) row.getLong("version"), row.getString("checksum"));
        }
        return applied;
    }

    private void execute(String sql) {
        try (CommandResponse ignored = client.execute(sql).get(STATEMENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
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

    static Migration load(String file) {
        Matcher m = FILE_NAME.matcher(file);
        if (!m.matches()) {
            throw new IllegalArgumentException("migration file names look like V0001__name.sql, not " + file);
        }
        String path = "clickhouse/" + file;
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            byte[] bytes = in.readAllBytes();
            return new Migration(Integer.parseInt(m.group(1)), m.group(2), new String(bytes, StandardCharsets.UTF_8),
                    sha256(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String firstLine(String sql) {
        String line = sql.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    /** One numbered file; the checksum is of the file as written, before placeholders are filled. */
    record Migration(int version, String name, String text, String checksum) {
    }
}
