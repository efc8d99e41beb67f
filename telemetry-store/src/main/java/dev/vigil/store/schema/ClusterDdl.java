package dev.vigil.store.schema;

import dev.vigil.store.client.ClickHouseConfigCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster form of one schema statement, as written for a single server: every object is created
 * {@code ON CLUSTER}; a table becomes {@code <table>_local} with the replicated form of its engine (its replicas share
 * the Keeper path {@code /clickhouse/tables/{shard}/{database}/{table}}) plus a {@code Distributed} table under the
 * original name, so readers and writers keep using the names in {@link Tables}; a materialized view reads and writes
 * the local tables of its shard, so it sees every block inserted there once.
 *
 * <p>The schema files stay written for a single server (their checksums are of that text); this rewrite is applied
 * to each rendered statement, and a statement of a form it does not know is refused rather than passed on
 * unchanged, so a new schema file cannot half-work on a cluster.
 */
final class ClusterDdl {
    /** The Keeper path of a sharded table's replicas; ClickHouse fills the macros on each server. */
    static final String REPLICA_PATH = "'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'";
    /** The Keeper path of a table every server holds whole (one shard, every server a replica). */
    static final String EVERY_SERVER_PATH = "'/clickhouse/tables/all/{database}/{table}', '{replica}'";
    static final String LOCAL_SUFFIX = "_local";
    /** The spans stored before V0015 changed the layout of {@code otel_traces}, until an operator copies them over. */
    static final String TRACES_BEFORE_V15 = "otel_traces_v14";

    /**
     * How {@code Distributed} spreads the rows of each table over the shards. Every key is a function of the row
     * alone, never {@code rand()}: a batch replayed after a crash must split into the same blocks per shard, or the
     * shard's replicas would not recognise its deduplication token. Traces and what is drawn from them go by trace id,
     * so one trace, its summary and its dependency edges live on one shard.
     */
    static final Map<String, String> SHARDING_KEYS = Map.ofEntries(
            Map.entry(Tables.TRACES, "cityHash64(TraceId)"),
            // V0015 creates otel_traces anew and exchanges it with this one, which keeps the spans stored before.
            Map.entry(TRACES_BEFORE_V15, "cityHash64(TraceId)"),
            Map.entry(Tables.TRACES_TRACE_ID_TS, "cityHash64(TraceId)"),
            Map.entry(Tables.TRACE_SUMMARIES, "cityHash64(TraceId)"),
            Map.entry(Tables.DEPENDENCY_SPANS, "CallKey"),
            Map.entry(Tables.SPAN_STATS_1M, "cityHash64(ServiceName, SpanName)"),
            Map.entry(Tables.SERVICE_REQUESTS_1M, "cityHash64(ServiceName)"),
            // A minute's rolled-up edges are one insert, kept whole on one shard so its deduplication token holds.
            Map.entry(Tables.DEPENDENCY_EDGES_1M, "toUInt32(Minute)"),
            Map.entry(Tables.DEPENDENCY_ROLLUPS, "toUInt32(Minute)"),
            Map.entry(Tables.DEPENDENCY_EDGES_10M, "toUInt32(Block)"),
            Map.entry(Tables.DEPENDENCY_ROLLUPS_10M, "toUInt32(Block)"),
            Map.entry(Tables.LOGS, "cityHash64(ServiceName, Timestamp)"),
            Map.entry(Tables.ACCESS_LOGS, "cityHash64(DestinationWorkload, Timestamp)"),
            // A series stays on one shard, so a rate over it never needs rows of another shard.
            Map.entry(Tables.METRICS_GAUGE, "cityHash64(ServiceName, MetricName, Attributes)"),
            Map.entry(Tables.METRICS_SUM, "cityHash64(ServiceName, MetricName, Attributes)"),
            Map.entry(Tables.METRICS_HISTOGRAM, "cityHash64(ServiceName, MetricName, Attributes)"),
            Map.entry(Tables.METRICS_EXPONENTIAL_HISTOGRAM, "cityHash64(ServiceName, MetricName, Attributes)"),
            Map.entry(Tables.METRICS_SUMMARY, "cityHash64(ServiceName, MetricName, Attributes)"));

    /** Tables every server keeps whole: the migrator's history must read the same from whichever server it asks. */
    static final Set<String> ON_EVERY_SERVER = Set.of(Tables.SCHEMA_MIGRATIONS);

    private static final Set<String> MERGE_TREES = Set.of("MergeTree", "ReplacingMergeTree", "AggregatingMergeTree",
            "SummingMergeTree", "CollapsingMergeTree", "VersionedCollapsingMergeTree");

    private static final Pattern CREATE_DATABASE = Pattern.compile("(?s)^(CREATE DATABASE IF NOT EXISTS `\\w+`)(.*)$");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?s)^CREATE TABLE IF NOT EXISTS (`\\w+`)\\.(\\w+) (\\(.*)$");
    private static final Pattern ENGINE = Pattern.compile("\\bENGINE = (\\w+)(?:\\(([^)]*)\\))?");
    private static final Pattern CREATE_VIEW = Pattern.compile(
            "(?s)^(CREATE (?:MATERIALIZED )?VIEW IF NOT EXISTS `\\w+`\\.\\w+)(\\s+(?:TO\\s|AS\\s).*)$");
    private static final Pattern DROP_VIEW = Pattern.compile("(?s)^(DROP VIEW IF EXISTS `\\w+`\\.\\w+)\\s*$");
    private static final Pattern DROP_TABLE = Pattern.compile("(?s)^DROP TABLE IF EXISTS (`\\w+`)\\.(\\w+) SYNC\\s*$");
    private static final Pattern ALTER_TABLE = Pattern.compile("(?s)^ALTER TABLE (`\\w+`)\\.(\\w+) (.*)$");
    private static final Pattern COLUMN_CHANGE = Pattern.compile("^(ADD|DROP|MODIFY|RENAME|COMMENT) COLUMN\\b");
    private static final Pattern EXCHANGE_TABLES =
            Pattern.compile("(?s)^EXCHANGE TABLES (`\\w+`)\\.(\\w+) AND (`\\w+`)\\.(\\w+)\\s*$");
    private static final Pattern TABLE_REFERENCE = Pattern.compile("(`\\w+`)\\.(\\w+)\\b");
    private static final Pattern NON_REPLICATED_WINDOW = Pattern.compile("\\bnon_replicated_deduplication_window\\b");

    private ClusterDdl() {
    }

    /**
     * The statements that stand for {@code statement} on the cluster {@code cluster}, in the order to run them.
     * Throws for a statement form without a cluster rule, or a table without a sharding key.
     */
    static List<String> render(String statement, String cluster) {
        if (!ClickHouseConfigCheck.isPlainIdentifier(cluster)) {
            throw new IllegalArgumentException("not a plain cluster name: " + cluster);
        }
        String onCluster = " ON CLUSTER `" + cluster + "`";
        Matcher m;
        if ((m = CREATE_DATABASE.matcher(statement)).matches()) {
            return List.of(m.group(1) + onCluster + m.group(2));
        }
        if ((m = CREATE_TABLE.matcher(statement)).matches()) {
            return createTable(m.group(1), m.group(2), m.group(3), cluster, onCluster);
        }
        if ((m = CREATE_VIEW.matcher(statement)).matches()) {
            boolean materialized = statement.startsWith("CREATE MATERIALIZED VIEW");
            // A materialized view fires on the blocks inserted into its source on this server: it must read and
            // write the local tables. A plain view is a saved query, so it reads the whole cluster.
            String body = materialized ? toLocalTables(m.group(2)) : m.group(2);
            return List.of(m.group(1) + onCluster + body);
        }
        if ((m = DROP_VIEW.matcher(statement)).matches()) {
            // A view is replaced by dropping and creating it again; both on every server.
            return List.of(m.group(1) + onCluster);
        }
        if ((m = DROP_TABLE.matcher(statement)).matches()) {
            // The Distributed table first, so nothing writes to a local table that is gone; SYNC, so that the
            // replicas' Keeper path is free when a later statement creates the table again.
            String db = m.group(1);
            String table = m.group(2);
            requireShardingKey(table, statement);
            return List.of("DROP TABLE IF EXISTS " + db + "." + table + onCluster + " SYNC",
                    "DROP TABLE IF EXISTS " + db + "." + table + LOCAL_SUFFIX + onCluster + " SYNC");
        }
        if ((m = ALTER_TABLE.matcher(statement)).matches()) {
            String db = m.group(1);
            String table = m.group(2);
            String change = m.group(3);
            requireShardingKey(table, statement);
            String local = "ALTER TABLE " + db + "." + table + LOCAL_SUFFIX + onCluster + " " + change;
            // Columns must match on both tables; projections, indexes, TTLs and settings exist only where data is.
            if (COLUMN_CHANGE.matcher(change).find()) {
                return List.of(local, "ALTER TABLE " + db + "." + table + onCluster + " " + change);
            }
            return List.of(local);
        }
        if ((m = EXCHANGE_TABLES.matcher(statement)).matches()) {
            // The data is in the local tables; each Distributed table names its local table, so after the exchange
            // it reads the other one's data. Materialized views read the local tables by name and follow too.
            requireShardingKey(m.group(2), statement);
            requireShardingKey(m.group(4), statement);
            return List.of("EXCHANGE TABLES " + m.group(1) + "." + m.group(2) + LOCAL_SUFFIX + " AND " + m.group(3) + "."
                    + m.group(4) + LOCAL_SUFFIX + onCluster);
        }
        throw new IllegalArgumentException("cluster mode has no rule for this statement; add one to "
                + ClusterDdl.class.getSimpleName() + ": " + firstLine(statement));
    }

    private static List<String> createTable(String db, String table, String rest, String cluster, String onCluster) {
        Matcher engine = ENGINE.matcher(rest);
        if (!engine.find()) {
            throw new IllegalArgumentException("table " + table + " names no ENGINE");
        }
        String name = engine.group(1);
        if (!MERGE_TREES.contains(name)) {
            throw new IllegalArgumentException("table " + table + " has engine " + name
                    + ", which has no replicated form in cluster mode");
        }
        String args = engine.group(2) == null || engine.group(2).isBlank() ? "" : ", " + engine.group(2).strip();
        boolean everyServer = ON_EVERY_SERVER.contains(table);
        String replicated = "ENGINE = Replicated" + name + "(" + (everyServer ? EVERY_SERVER_PATH : REPLICA_PATH)
                + args + ")";
        String definition = rest.substring(0, engine.start()) + replicated + rest.substring(engine.end());
        // Replicated tables keep their deduplication tokens in Keeper under replicated_deduplication_window; the
        // single-server setting would be ignored there.
        definition = NON_REPLICATED_WINDOW.matcher(definition).replaceAll("replicated_deduplication_window");
        if (everyServer) {
            return List.of("CREATE TABLE IF NOT EXISTS " + db + "." + table + onCluster + " " + definition);
        }
        String key = requireShardingKey(table, table);
        List<String> statements = new ArrayList<>(2);
        statements.add("CREATE TABLE IF NOT EXISTS " + db + "." + table + LOCAL_SUFFIX + onCluster + " " + definition);
        statements.add("CREATE TABLE IF NOT EXISTS " + db + "." + table + onCluster + " AS " + db + "." + table
                + LOCAL_SUFFIX + " ENGINE = Distributed('" + cluster + "', '" + unquote(db) + "', '" + table
                + LOCAL_SUFFIX + "', " + key + ")");
        return List.copyOf(statements);
    }

    private static String toLocalTables(String sql) {
        Matcher m = TABLE_REFERENCE.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length() + 32);
        while (m.find()) {
            String table = m.group(2);
            String replacement = SHARDING_KEYS.containsKey(table) ? m.group(1) + "." + table + LOCAL_SUFFIX : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String requireShardingKey(String table, String context) {
        String key = SHARDING_KEYS.get(table);
        if (key == null) {
            throw new IllegalArgumentException("table " + table + " has no sharding key for cluster mode; add one to "
                    + ClusterDdl.class.getSimpleName() + ".SHARDING_KEYS (" + firstLine(context) + ")");
        }
        return key;
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    private static String firstLine(String sql) {
        String line = sql.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
