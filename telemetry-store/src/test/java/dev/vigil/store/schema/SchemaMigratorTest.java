package dev.vigil.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

    @Test
    void everyDiscoveredMigrationLoadsAndRendersWithNoPlaceholderLeft() {
        int previous = 0;
        for (Migration migration : Migrations.discover()) {
            String file = migration.file();
            assertThat(migration.version()).as(file).isGreaterThan(previous);
            previous = migration.version();
            List<String> statements = SqlScript.statements(SqlScript.render(migration.text(),
                    Map.of("database", "vigil", "retention.traces", "toIntervalDay(7)",
                            "retention.logs", "toIntervalDay(7)", "retention.metrics", "toIntervalDay(30)")));
            assertThat(statements).as(file).isNotEmpty().noneMatch(s -> s.contains("${"));
            // An exchange of two tables cannot be repeated harmlessly: it may only be a file's last statement, which
            // the migrator records as soon as it has run.
            List<String> repeatable = statements.getLast().startsWith("EXCHANGE TABLES ")
                    ? statements.subList(0, statements.size() - 1) : statements;
            // A MODIFY of a setting or a column to a stated value sets the same value when run again.
            assertThat(repeatable).as(file).allMatch(s -> s.contains("IF NOT EXISTS")
                    || s.startsWith("DROP ") && s.contains(" IF EXISTS ")
                    || s.startsWith("ALTER TABLE ") && (s.contains(" MODIFY SETTING ") || s.contains(" MODIFY COLUMN ")),
                    "is idempotent");
        }
    }

    @Test
    void createsTheExporterTracesTablesWithDeduplicationAndRetention() {
        List<String> statements = SqlScript.statements(SqlScript.render(Migrations.load("V0001__traces.sql").text(),
                Map.of("database", "vigil", "retention.traces", "toIntervalDay(3)")));
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS `vigil`.otel_traces (")
                .contains("TTL toDateTime(Timestamp) + toIntervalDay(3)")
                .contains("non_replicated_deduplication_window = 1000")
                .contains("ttl_only_drop_parts = 1");
        assertThat(statements.get(1)).startsWith("CREATE TABLE IF NOT EXISTS `vigil`.otel_traces_trace_id_ts (");
        assertThat(statements.get(2)).startsWith("CREATE MATERIALIZED VIEW IF NOT EXISTS `vigil`.otel_traces_trace_id_ts_mv");
    }

    @Test
    void createsTheExporterLogsAndMetricsTablesAndTheAccessLogViewWithDeduplicationAndRetention() {
        Map<String, String> values = Map.of("database", "vigil", "retention.logs", "toIntervalHour(36)",
                "retention.metrics", "toIntervalDay(30)");
        List<String> logs = SqlScript.statements(SqlScript.render(Migrations.load("V0002__logs.sql").text(), values));
        assertThat(logs).singleElement().asString().startsWith("CREATE TABLE IF NOT EXISTS `vigil`.otel_logs (")
                .contains("TTL toDateTime(Timestamp) + toIntervalHour(36)")
                .contains("non_replicated_deduplication_window = 1000");
        List<String> metrics = SqlScript.statements(SqlScript.render(Migrations.load("V0003__metrics.sql").text(),
                values));
        assertThat(metrics).extracting(s -> s.substring(0, s.indexOf(" (")))
                .containsExactly("CREATE TABLE IF NOT EXISTS `vigil`.otel_metrics_gauge",
                        "CREATE TABLE IF NOT EXISTS `vigil`.otel_metrics_sum",
                        "CREATE TABLE IF NOT EXISTS `vigil`.otel_metrics_histogram",
                        "CREATE TABLE IF NOT EXISTS `vigil`.otel_metrics_exponential_histogram",
                        "CREATE TABLE IF NOT EXISTS `vigil`.otel_metrics_summary");
        assertThat(metrics).allSatisfy(s -> assertThat(s)
                .contains("TTL toDateTime(TimeUnix) + toIntervalDay(30)")
                .contains("non_replicated_deduplication_window = 1000"));
        List<String> access = SqlScript.statements(SqlScript.render(
                Migrations.load("V0004__access_logs.sql").text(), values));
        assertThat(access).hasSize(2);
        assertThat(access.get(0)).startsWith("CREATE TABLE IF NOT EXISTS `vigil`.vigil_access_logs (")
                .contains("TTL toDateTime(Timestamp) + toIntervalHour(36)")
                .contains("non_replicated_deduplication_window = 1000");
        assertThat(access.get(1)).startsWith("CREATE MATERIALIZED VIEW IF NOT EXISTS `vigil`.vigil_access_logs_mv")
                .contains("FROM `vigil`.otel_logs");
    }

    @Test
    void checksumIsOfTheFileAsWritten() {
        Migration a = Migrations.load("V0001__traces.sql");
        Migration b = Migrations.load("V0001__traces.sql");
        assertThat(a.checksum()).hasSize(64).isEqualTo(b.checksum());
        assertThat(a.name()).isEqualTo("traces");
    }
}
