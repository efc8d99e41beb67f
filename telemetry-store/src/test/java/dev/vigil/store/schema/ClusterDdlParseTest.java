package dev.vigil.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster-mode DDL through ClickHouse's own parser ({@code formatQuery}) on the devstack's server: every statement
 * is valid ClickHouse SQL. No cluster runs here, so the statements are parsed, not executed.
 */
class ClusterDdlParseTest {
    private static Client client;

    @BeforeAll
    static void connect() {
        client = TestClickHouse.connect();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void clickHouseParsesEveryClusterStatement() {
        List<String> statements = new ArrayList<>(SchemaMigrator.bootstrap("vigil", "vigil_cluster"));
        var placeholders = SchemaMigrator.placeholders("vigil", Retention.everySignal(Duration.ofDays(7)));
        for (Migration migration : Migrations.discover()) {
            statements.addAll(SchemaMigrator.statements(migration, placeholders, "vigil_cluster"));
        }
        for (String statement : statements) {
            List<GenericRecord> rows = client.queryAll("SELECT formatQuery('" + literal(statement) + "') AS q");
            assertThat(rows).as(statement).singleElement()
                    .extracting(r -> r.getString("q")).asString()
                    .contains("ON CLUSTER vigil_cluster");
        }
    }

    private static String literal(String sql) {
        return sql.replace("\\", "\\\\").replace("'", "\\'");
    }
}
