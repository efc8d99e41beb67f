package dev.vigil.ingest.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

    @Test
    void everyListedMigrationLoadsAndRendersWithNoPlaceholderLeft() {
        int previous = 0;
        for (String file : SchemaMigrator.MIGRATIONS) {
            SchemaMigrator.Migration migration = SchemaMigrator.load(file);
            assertThat(migration.version()).as(file).isEqualTo(previous + 1);
            previous = migration.version();
            List<String> statements = SqlScript.statements(SqlScript.render(migration.text(),
                    Map.of("database", "vigil", "retention.traces", "toIntervalDay(7)")));
            assertThat(statements).as(file).isNotEmpty().noneMatch(s -> s.contains("${"));
            assertThat(statements).as(file).allMatch(s -> s.contains("IF NOT EXISTS"), "is idempotent");
        }
    }

    @Test
    void createsTheExporterTracesTablesWithDeduplicationAndRetention() {
        List<String> statements = SqlScript.statements(SqlScript.render(SchemaMigrator.load("V0001__traces.sql").text(),
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
    void checksumIsOfTheFileAsWritten() {
        SchemaMigrator.Migration a = SchemaMigrator.load("V0001__traces.sql");
        SchemaMigrator.Migration b = SchemaMigrator.load("V0001__traces.sql");
        assertThat(a.checksum()).hasSize(64).isEqualTo(b.checksum());
        assertThat(a.name()).isEqualTo("traces");
    }
}
