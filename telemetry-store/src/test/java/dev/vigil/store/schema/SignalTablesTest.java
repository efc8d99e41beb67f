package dev.vigil.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lists of the tables a span or a log record lands in, which the benchmarks' bytes-on-disk figures read, against
 * the schema the files make: a view added on {@code otel_traces} or {@code otel_logs} must be added to its list.
 */
class SignalTablesTest {
    private static final Pattern TARGET = Pattern.compile("\\bTO `?[A-Za-z0-9_]+`?\\.`?([A-Za-z0-9_]+)`?");
    private static Client client;
    private static String database;

    @BeforeAll
    static void migrate() {
        client = TestClickHouse.connect();
        database = "vigil_tables_" + UUID.randomUUID().toString().replace("-", "");
        SchemaMigrator.of(client, database, Retention.everySignal(Duration.ofDays(7))).migrate();
    }

    @AfterAll
    static void drop() {
        client.queryAll("DROP DATABASE IF EXISTS `" + database + "`");
        client.close();
    }

    @Test
    void theSpanTablesAreOtelTracesEveryTableItsViewsFillAndTheDependencyRollups() {
        // The dependency rollup is no view: query-service writes its tables from vigil_dependency_spans.
        List<String> expected = new ArrayList<>(withViewTargets(Tables.TRACES));
        expected.addAll(List.of(Tables.DEPENDENCY_EDGES_1M, Tables.DEPENDENCY_ROLLUPS, Tables.DEPENDENCY_EDGES_10M,
                Tables.DEPENDENCY_ROLLUPS_10M));

        assertThat(Tables.SPAN_TABLES).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theLogTablesAreOtelLogsAndEveryTableItsViewsFill() {
        assertThat(Tables.LOG_TABLES).containsExactlyInAnyOrderElementsOf(withViewTargets(Tables.LOGS));
    }

    @Test
    void theMetricTablesAreEveryOtelMetricsTable() {
        List<String> metricTables = client.queryAll("SELECT name FROM system.tables WHERE database = {db:String}"
                        + " AND startsWith(name, 'otel_metrics_') AND NOT is_temporary", Map.<String, Object>of("db", database))
                .stream().map(r -> r.getString("name")).toList();

        assertThat(Tables.METRIC_TABLES).containsExactlyInAnyOrderElementsOf(metricTables);
    }

    /** The table and the target tables of the materialized views that read it. */
    private static List<String> withViewTargets(String table) {
        List<String> tables = new ArrayList<>(List.of(table));
        List<String> views = client.queryAll("SELECT arrayJoin(dependencies_table) AS view FROM system.tables"
                + " WHERE database = {db:String} AND name = {t:String}", Map.<String, Object>of("db", database, "t", table))
                .stream().map(r -> r.getString("view")).toList();
        for (String view : views) {
            String create = client.queryAll("SELECT create_table_query AS q FROM system.tables WHERE database = {db:String}"
                    + " AND name = {v:String}", Map.<String, Object>of("db", database, "v", view)).getFirst().getString("q");
            Matcher target = TARGET.matcher(create);
            assertThat(target.find()).as("the target of view %s: %s", view, create).isTrue();
            tables.add(target.group(1));
        }
        return tables;
    }
}
