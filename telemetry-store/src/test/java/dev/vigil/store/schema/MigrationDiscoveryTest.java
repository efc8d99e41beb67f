package dev.vigil.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migrator against the devstack's ClickHouse server: what it finds is what the folder holds, applied once. */
class MigrationDiscoveryTest {
    private static final Path FOLDER = Path.of("src/main/resources/clickhouse");
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
    void discoversEverySchemaFileOfTheFolderInVersionOrder() throws IOException {
        List<String> inFolder;
        try (Stream<Path> files = Files.list(FOLDER)) {
            inFolder = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        List<Migration> discovered = Migrations.discover();
        assertThat(inFolder).isNotEmpty();
        assertThat(discovered).extracting(Migration::file).containsExactlyElementsOf(inFolder);
        assertThat(discovered).extracting(Migration::version).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void appliesEveryFileInOrderOnceAndASecondRunChangesNothing() {
        String database = "vigil_discovery_" + UUID.randomUUID().toString().replace("-", "");
        SchemaMigrator migrator = SchemaMigrator.of(client, database, Retention.everySignal(Duration.ofDays(7)));
        try {
            List<Migration> first = migrator.migrate();
            List<Migration> everyFile = Migrations.discover();
            assertThat(first).containsExactlyElementsOf(everyFile);

            List<GenericRecord> history = client.queryAll("SELECT version, checksum FROM `" + database + "`."
                    + Tables.SCHEMA_MIGRATIONS + " FINAL ORDER BY applied_at, version");
            assertThat(history).extracting(r -> (int) r.getLong("version"))
                    .containsExactlyElementsOf(everyFile.stream().map(Migration::version).toList());
            assertThat(history).extracting(r -> r.getString("checksum"))
                    .containsExactlyElementsOf(everyFile.stream().map(Migration::checksum).toList());
            Map<String, String> schema = schema(database);
            assertThat(schema.keySet()).containsAll(Tables.ALL);

            assertThat(migrator.migrate()).isEmpty();
            assertThat(schema(database)).isEqualTo(schema);
            assertThat(client.queryAll("SELECT count() AS n FROM `" + database + "`." + Tables.SCHEMA_MIGRATIONS)
                    .getFirst().getLong("n")).isEqualTo(everyFile.size());
        } finally {
            client.queryAll("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    /** Every table and view of the database with its definition, as ClickHouse reports them. */
    private static Map<String, String> schema(String database) {
        return client.queryAll("SELECT name, create_table_query FROM system.tables WHERE database = {db:String}",
                        Map.<String, Object>of("db", database)).stream()
                .collect(Collectors.toMap(r -> r.getString("name"),
                        r -> r.getString("create_table_query")));
    }
}
