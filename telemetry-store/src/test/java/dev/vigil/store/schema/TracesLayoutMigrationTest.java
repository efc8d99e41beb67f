package dev.vigil.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V0015 on a database that already holds spans: the spans stored before stay in otel_traces_v14, new spans go to the
 * new otel_traces and through the materialized views, and the copy an operator runs (docs/storage.md) brings the old
 * spans over without passing them through the views a second time.
 */
class TracesLayoutMigrationTest {
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
    void spansStoredBeforeTheNewLayoutAreKeptAndCopiedOverWithoutCountingThemTwice() {
        String database = "vigil_layout_" + UUID.randomUUID().toString().replace("-", "");
        String db = "`" + database + "`";
        Map<String, String> placeholders =
                SchemaMigrator.placeholders(database, Retention.everySignal(Duration.ofDays(7)));
        try {
            // The schema as it was before V0015, with a trace of three spans in two services in it.
            SchemaMigrator.bootstrap(database, "").forEach(this::execute);
            for (Migration migration : Migrations.discover()) {
                if (migration.version() < 15) {
                    SchemaMigrator.statements(migration, placeholders, "").forEach(this::execute);
                }
            }
            execute("INSERT INTO " + db + ".otel_traces (Timestamp, TraceId, SpanId, ParentSpanId, SpanName, ServiceName,"
                    + " Duration) VALUES"
                    + " (now64(9) - INTERVAL 2 HOUR, 'aa01', 's1', '', 'GET /', 'front', 5000),"
                    + " (now64(9) - INTERVAL 2 HOUR + INTERVAL 1 SECOND, 'aa01', 's2', 's1', 'query', 'db', 1000),"
                    + " (now64(9) - INTERVAL 2 HOUR + INTERVAL 2 SECOND, 'aa01', 's3', 's1', 'query', 'db', 1000)");

            SchemaMigrator.of(client, database, Retention.everySignal(Duration.ofDays(7))).migrate();

            assertThat(sortingKey(database, "otel_traces")).isEqualTo("ServiceName, toStartOfHour(Timestamp), TraceId, Timestamp");
            assertThat(count("SELECT count() AS n FROM " + db + ".otel_traces")).isZero();
            assertThat(count("SELECT count() AS n FROM " + db + ".otel_traces_v14 WHERE TraceId = 'aa01'")).isEqualTo(3);

            execute("INSERT INTO " + db + ".otel_traces (Timestamp, TraceId, SpanId, ParentSpanId, SpanName, ServiceName,"
                    + " Duration) VALUES (now64(9), 'bb02', 's9', '', 'GET /', 'front', 7000)");
            assertThat(count("SELECT count() AS n FROM " + db + ".otel_traces WHERE TraceId = 'bb02'")).isEqualTo(1);
            assertThat(count("SELECT sum(Spans) AS n FROM " + db + ".vigil_trace_summaries WHERE TraceId = 'bb02'"))
                    .isEqualTo(1);

            // The operator's copy of one day, as docs/storage.md gives it.
            String day = LocalDate.ofInstant(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC).toString();
            execute("CREATE TABLE IF NOT EXISTS " + db + ".otel_traces_copy AS " + db + ".otel_traces");
            execute("INSERT INTO " + db + ".otel_traces_copy SELECT * FROM " + db + ".otel_traces_v14"
                    + " WHERE toDate(Timestamp) = '" + day + "'");
            execute("ALTER TABLE " + db + ".otel_traces_copy MOVE PARTITION '" + day + "' TO TABLE " + db + ".otel_traces");
            execute("ALTER TABLE " + db + ".otel_traces_v14 DROP PARTITION '" + day + "'");

            assertThat(count("SELECT count() AS n FROM " + db + ".otel_traces WHERE TraceId = 'aa01'")).isEqualTo(3);
            assertThat(count("SELECT count() AS n FROM " + db + ".otel_traces_v14")).isZero();
            // The views saw the old spans when they were first stored, and not again.
            assertThat(count("SELECT sum(Spans) AS n FROM " + db + ".vigil_trace_summaries WHERE TraceId = 'aa01'"))
                    .isEqualTo(3);
            assertThat(count("SELECT sum(Spans) AS n FROM " + db + ".vigil_span_stats_1m WHERE ServiceName = 'db'"))
                    .isEqualTo(2);
        } finally {
            execute("DROP DATABASE IF EXISTS " + db);
        }
    }

    private void execute(String sql) {
        client.queryAll(sql);
    }

    private long count(String sql) {
        return client.queryAll(sql).getFirst().getLong("n");
    }

    private String sortingKey(String database, String table) {
        return client.queryAll("SELECT sorting_key FROM system.tables WHERE database = {db:String} AND name = {t:String}",
                Map.<String, Object>of("db", database, "t", table)).getFirst().getString("sorting_key");
    }
}
