package dev.vigil.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every schema statement rendered for a cluster, checked object by object; the single-server rendering untouched. */
class ClusterDdlTest {
    private static final String CLUSTER = "vigil_cluster";
    private static final Map<String, String> PLACEHOLDERS =
            SchemaMigrator.placeholders("vigil", new Retention(Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(30)));
    private static final Pattern CREATED = Pattern.compile(
            "^CREATE (TABLE|MATERIALIZED VIEW|VIEW|DATABASE) IF NOT EXISTS `vigil`(?:\\.(\\w+))? ON CLUSTER `"
                    + CLUSTER + "`(\\s|$)");
    private static final Pattern ENGINE = Pattern.compile("\\bENGINE = (\\w+)\\(");
    private static final Pattern DROPPED = Pattern.compile("^DROP TABLE IF EXISTS `vigil`\\.(\\w+) ");

    private static List<String> everyClusterStatement() {
        List<String> statements = new ArrayList<>(SchemaMigrator.bootstrap("vigil", CLUSTER));
        for (Migration migration : Migrations.discover()) {
            statements.addAll(SchemaMigrator.statements(migration, PLACEHOLDERS, CLUSTER));
        }
        return statements;
    }

    @Test
    void everyStatementOfEveryMigrationRunsOnCluster() {
        List<String> statements = everyClusterStatement();
        assertThat(statements).isNotEmpty().allSatisfy(s -> assertThat(s)
                .containsOnlyOnce(" ON CLUSTER `" + CLUSTER + "`")
                .doesNotContain("non_replicated_deduplication_window"));
        assertThat(statements).allSatisfy(s -> assertThat(s).matches(
                "(?s)^(CREATE (TABLE|MATERIALIZED VIEW|VIEW|DATABASE) IF NOT EXISTS|ALTER TABLE|DROP (VIEW|TABLE) IF EXISTS|EXCHANGE TABLES) `vigil`.*"));
    }

    @Test
    void everyTableIsReplicatedLocallyWithADistributedTableUnderItsName() {
        Map<String, String> engines = new HashMap<>();
        Map<String, String> definitions = new HashMap<>();
        for (String s : everyClusterStatement()) {
            Matcher dropped = DROPPED.matcher(s);
            if (dropped.find()) {
                // A table dropped to be created again (V0019): the later statement creates it once more.
                engines.remove(dropped.group(1));
                definitions.remove(dropped.group(1));
                continue;
            }
            if (s.startsWith("ALTER ") || s.startsWith("DROP ") || s.startsWith("EXCHANGE ")) {
                continue;
            }
            Matcher created = CREATED.matcher(s);
            assertThat(created.find()).as(s).isTrue();
            if (!created.group(1).equals("TABLE")) {
                continue;
            }
            Matcher engine = ENGINE.matcher(s);
            assertThat(engine.find()).as("engine of " + created.group(2)).isTrue();
            assertThat(engines.put(created.group(2), engine.group(1))).as("created once: " + created.group(2)).isNull();
            definitions.put(created.group(2), s);
        }
        for (String table : Tables.ALL) {
            String local = table + "_local";
            assertThat(engines.get(local)).as(local).startsWith("Replicated").endsWith("MergeTree");
            assertThat(definitions.get(local)).as(local)
                    .contains("('/clickhouse/tables/{shard}/{database}/{table}', '{replica}'");
            // Each table that had a deduplication window on one server keeps it on the cluster; a replicated table
            // without one (otel_traces_trace_id_ts) deduplicates under the server's default window.
            if (!table.equals(Tables.TRACES_TRACE_ID_TS)) {
                assertThat(definitions.get(local)).as(local)
                        .containsPattern("replicated_deduplication_window = " + (table.equals(Tables.DEPENDENCY_EDGES_1M)
                                ? "20000" : "1000") + "\\b");
            }
            assertThat(engines.get(table)).as(table).isEqualTo("Distributed");
            assertThat(definitions.get(table)).as(table)
                    .contains(" AS `vigil`." + local + " ")
                    .endsWith("ENGINE = Distributed('" + CLUSTER + "', 'vigil', '" + local + "', "
                            + ClusterDdl.SHARDING_KEYS.get(table) + ")");
        }
        assertThat(definitions.get("otel_traces")).endsWith("cityHash64(TraceId))");
        // The history is one table every server replicates whole: whichever server the migrator asks, it reads it all.
        assertThat(engines.get(Tables.SCHEMA_MIGRATIONS)).isEqualTo("ReplicatedReplacingMergeTree");
        assertThat(definitions.get(Tables.SCHEMA_MIGRATIONS))
                .contains("ReplicatedReplacingMergeTree('/clickhouse/tables/all/{database}/{table}', '{replica}')");
        assertThat(engines).containsOnlyKeys(expectedTables());
        assertThat(engines.values()).allMatch(e -> e.equals("Distributed") || e.matches("Replicated\\w*MergeTree"));
    }

    @Test
    void aggregatingAndReplacingEnginesKeepTheirKindAndArguments() {
        assertThat(ClusterDdl.render("CREATE TABLE IF NOT EXISTS `vigil`.otel_traces_trace_id_ts (TraceId String)"
                + " ENGINE = AggregatingMergeTree ORDER BY TraceId", CLUSTER).getFirst())
                .contains("ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/{table}',"
                        + " '{replica}') ORDER BY TraceId");
        assertThat(ClusterDdl.render("CREATE TABLE IF NOT EXISTS `vigil`.otel_logs (v UInt64, TraceId String)"
                + " ENGINE = ReplacingMergeTree(v) ORDER BY TraceId", CLUSTER).getFirst())
                .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}',"
                        + " '{replica}', v) ORDER BY TraceId");
    }

    @Test
    void materializedViewsReadAndWriteTheLocalTablesOfTheirShard() {
        List<String> views = everyClusterStatement().stream()
                .filter(s -> s.startsWith("CREATE MATERIALIZED VIEW")).toList();
        // Six views, one of them (access logs) created anew by V0014.
        assertThat(views).hasSize(7);
        for (String view : views) {
            Matcher references = Pattern.compile("`vigil`\\.(\\w+)").matcher(view);
            List<String> tables = new ArrayList<>();
            while (references.find()) {
                tables.add(references.group(1));
            }
            // The first name is the view's own; every table it reads or writes is a local one.
            assertThat(tables.getFirst()).endsWith("_mv");
            assertThat(tables.subList(1, tables.size())).isNotEmpty().allMatch(t -> t.endsWith("_local"), view);
            assertThat(view).containsPattern("ON CLUSTER `" + CLUSTER + "`\\s+TO `vigil`\\.\\w+_local\\s+AS");
        }
    }

    @Test
    void aProjectionGoesOnTheLocalTableAndAColumnChangeOnBoth() {
        List<String> projection = SchemaMigrator.statements(Migrations.load("V0013__trace_id_projection.sql"),
                PLACEHOLDERS, CLUSTER);
        assertThat(projection).containsExactly("ALTER TABLE `vigil`.otel_traces_local ON CLUSTER `" + CLUSTER
                + "` ADD PROJECTION IF NOT EXISTS by_trace_id (SELECT * ORDER BY TraceId)");
        assertThat(ClusterDdl.render("ALTER TABLE `vigil`.otel_logs ADD COLUMN IF NOT EXISTS X String", CLUSTER))
                .containsExactly(
                        "ALTER TABLE `vigil`.otel_logs_local ON CLUSTER `" + CLUSTER + "` ADD COLUMN IF NOT EXISTS X String",
                        "ALTER TABLE `vigil`.otel_logs ON CLUSTER `" + CLUSTER + "` ADD COLUMN IF NOT EXISTS X String");
    }

    @Test
    void aSkipIndexGoesOnTheLocalTable() {
        List<String> index = SchemaMigrator.statements(Migrations.load("V0017__log_body_ngram_index.sql"),
                PLACEHOLDERS, CLUSTER);
        assertThat(index).containsExactly("ALTER TABLE `vigil`.otel_logs_local ON CLUSTER `" + CLUSTER
                + "` ADD INDEX IF NOT EXISTS idx_lower_body_ngram lower(Body)\n"
                + "    TYPE ngrambf_v1(6, 32768, 2, 0) GRANULARITY 1");
    }

    @Test
    void theBucketSettingGoesOnTheLocalTableAndTheCodecOnBoth() {
        List<String> buckets = SchemaMigrator.statements(Migrations.load("V0018__span_attributes_in_buckets.sql"),
                PLACEHOLDERS, CLUSTER);
        assertThat(buckets).containsExactly(
                "ALTER TABLE `vigil`.otel_traces_local ON CLUSTER `" + CLUSTER + "` MODIFY SETTING"
                        + " map_serialization_version = 'with_buckets',\n    map_buckets_strategy = 'linear', map_buckets_min_avg_size = 1",
                "ALTER TABLE `vigil`.otel_traces_local ON CLUSTER `" + CLUSTER + "` MODIFY COLUMN SpanAttributes"
                        + " Map(LowCardinality(String), String) CODEC(ZSTD(3))",
                "ALTER TABLE `vigil`.otel_traces ON CLUSTER `" + CLUSTER + "` MODIFY COLUMN SpanAttributes"
                        + " Map(LowCardinality(String), String) CODEC(ZSTD(3))");
    }

    @Test
    void theNewLayoutOfTracesIsExchangedOnTheLocalTablesWhichTheDistributedOnesAndTheViewsReadByName() {
        List<String> layout = SchemaMigrator.statements(
                Migrations.load("V0015__traces_ordered_by_service_and_trace.sql"), PLACEHOLDERS, CLUSTER);
        assertThat(layout).hasSize(3);
        assertThat(layout.get(0)).startsWith("CREATE TABLE IF NOT EXISTS `vigil`.otel_traces_v14_local ON CLUSTER")
                .contains("ENGINE = ReplicatedMergeTree(", "ORDER BY (ServiceName, toStartOfHour(Timestamp), TraceId, Timestamp)");
        assertThat(layout.get(1)).startsWith("CREATE TABLE IF NOT EXISTS `vigil`.otel_traces_v14 ON CLUSTER")
                .endsWith("ENGINE = Distributed('" + CLUSTER + "', 'vigil', 'otel_traces_v14_local', cityHash64(TraceId))");
        assertThat(layout.get(2)).isEqualTo("EXCHANGE TABLES `vigil`.otel_traces_local AND `vigil`.otel_traces_v14_local"
                + " ON CLUSTER `" + CLUSTER + "`");
        assertThatThrownBy(() -> ClusterDdl.render("EXCHANGE TABLES `vigil`.otel_traces AND `vigil`.new_table", CLUSTER))
                .hasMessageContaining("new_table has no sharding key");
    }

    @Test
    void aTableCreatedAgainIsDroppedDistributedFirstThenLocallyAndSynchronously() {
        List<String> rollup = SchemaMigrator.statements(
                Migrations.load("V0019__dependency_latency_ddsketch.sql"), PLACEHOLDERS, CLUSTER);
        assertThat(rollup.subList(0, 4)).containsExactly(
                "DROP TABLE IF EXISTS `vigil`.vigil_dependency_rollups ON CLUSTER `" + CLUSTER + "` SYNC",
                "DROP TABLE IF EXISTS `vigil`.vigil_dependency_rollups_local ON CLUSTER `" + CLUSTER + "` SYNC",
                "DROP TABLE IF EXISTS `vigil`.vigil_dependency_edges_1m ON CLUSTER `" + CLUSTER + "` SYNC",
                "DROP TABLE IF EXISTS `vigil`.vigil_dependency_edges_1m_local ON CLUSTER `" + CLUSTER + "` SYNC");
        assertThat(rollup.get(4)).startsWith("CREATE TABLE IF NOT EXISTS `vigil`.vigil_dependency_edges_1m_local ON CLUSTER")
                .contains("ENGINE = ReplicatedMergeTree(");
        assertThatThrownBy(() -> ClusterDdl.render("DROP TABLE IF EXISTS `vigil`.new_table SYNC", CLUSTER))
                .hasMessageContaining("new_table has no sharding key");
    }

    @Test
    void refusesWhatItHasNoClusterRuleFor() {
        assertThatThrownBy(() -> ClusterDdl.render("CREATE TABLE IF NOT EXISTS `vigil`.new_table (a UInt8)"
                + " ENGINE = MergeTree ORDER BY a", CLUSTER))
                .hasMessageContaining("new_table has no sharding key");
        assertThatThrownBy(() -> ClusterDdl.render("CREATE TABLE IF NOT EXISTS `vigil`.otel_logs (a UInt8)"
                + " ENGINE = Memory", CLUSTER))
                .hasMessageContaining("engine Memory");
        assertThatThrownBy(() -> ClusterDdl.render("OPTIMIZE TABLE `vigil`.otel_logs FINAL", CLUSTER))
                .hasMessageContaining("no rule for this statement");
        assertThatThrownBy(() -> ClusterDdl.render("CREATE DATABASE IF NOT EXISTS `vigil`", "a cluster; DROP"))
                .hasMessageContaining("not a plain cluster name");
    }

    @Test
    void singleServerStatementsAreExactlyTheRenderedFiles() {
        for (Migration migration : Migrations.discover()) {
            assertThat(SchemaMigrator.statements(migration, PLACEHOLDERS, ""))
                    .as(migration.file())
                    .containsExactlyElementsOf(SqlScript.statements(SqlScript.render(migration.text(), PLACEHOLDERS)));
        }
        assertThat(SchemaMigrator.bootstrap("vigil", "")).containsExactly(
                "CREATE DATABASE IF NOT EXISTS `vigil`",
                "CREATE TABLE IF NOT EXISTS `vigil`.vigil_schema_migrations (version UInt32, name String,"
                        + " checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))"
                        + " ENGINE = ReplacingMergeTree ORDER BY version");
        String traces = SchemaMigrator.statements(Migrations.load("V0001__traces.sql"), PLACEHOLDERS, "").getFirst();
        assertThat(traces).startsWith("CREATE TABLE IF NOT EXISTS `vigil`.otel_traces (")
                .contains(") ENGINE = MergeTree\nPARTITION BY toDate(Timestamp)")
                .contains("non_replicated_deduplication_window = 1000")
                .doesNotContain("ON CLUSTER", "Replicated", "Distributed", "_local");
    }

    @Test
    void singleServerDdlOfTheFirstThirteenFilesIsByteForByteWhatItWasBeforeClusterMode() throws Exception {
        // SHA-256 of every statement of V0001–V0013 (each followed by a NUL) as the migrator sent them before cluster
        // mode existed; applied files never change, so neither may what the migrator sends for them on one server.
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Migration migration : Migrations.discover()) {
            if (migration.version() <= 13) {
                for (String statement : SchemaMigrator.statements(migration, PLACEHOLDERS, "")) {
                    digest.update(statement.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
            }
        }
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo("9e448c3219507c7c05eaafb98c92e6c11fa0dd1eff44199c4a17eaf43a56a58d");
    }

    private static String[] expectedTables() {
        List<String> names = new ArrayList<>();
        names.add(Tables.SCHEMA_MIGRATIONS);
        for (String table : Tables.ALL) {
            names.add(table);
            names.add(table + "_local");
        }
        names.add(ClusterDdl.TRACES_BEFORE_V15);
        names.add(ClusterDdl.TRACES_BEFORE_V15 + "_local");
        return names.toArray(String[]::new);
    }
}
