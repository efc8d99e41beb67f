package dev.vigil.devstack.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The embedded server as the official ClickHouse client and JDBC driver see it. */
class ClickHouseServerTest {

    @TempDir
    static Path data;

    private static ClickHouseServerProcess server;
    private static Client client;

    @BeforeAll
    static void startServer() throws Exception {
        server = ClickHouseServerProcess.start(data);
        client = clientBuilder().build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            assertThat(server.stop()).as("exit code after SIGTERM").isZero();
            // Query errors are answers, not incidents: the server only logs what went wrong in itself.
            assertThat(server.log()).doesNotContain("WARN", "ERROR");
            server.close();
        }
    }

    private static Client.Builder clientBuilder() {
        return new Client.Builder().addEndpoint(server.url()).setUsername("default").setPassword("");
    }

    @Test
    void answersPingLikeClickHouse() throws Exception {
        assertThat(client.ping()).isTrue();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/ping")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Ok.\n");
    }

    @Test
    void createsTablesAndListsThem() throws Exception {
        client.execute("CREATE TABLE ddl_probe (id UInt64, note String) ENGINE = MergeTree ORDER BY id").get().close();
        List<GenericRecord> tables = client.queryAll("SELECT name FROM system.tables WHERE database = 'default' AND name = 'ddl_probe'");
        assertThat(tables).extracting(r -> r.getString("name")).containsExactly("ddl_probe");
        client.execute("DROP TABLE ddl_probe").get().close();
        assertThat(client.queryAll("EXISTS TABLE ddl_probe").getFirst().getInteger(1)).isZero();
    }

    @Test
    void insertsAMillionRowBinaryRowsWithoutLosingAny() throws Exception {
        client.execute("CREATE TABLE million (id UInt64, name String) ENGINE = MergeTree ORDER BY id").get().close();
        int rows = 1_000_000;
        ByteArrayOutputStream body = new ByteArrayOutputStream(rows * 20);
        long expectedSum = 0;
        for (long id = 0; id < rows; id++) {
            writeUInt64(body, id);
            // Blank lines inside the data must not end it.
            writeString(body, id % 1000 == 0 ? "line\n\nbreak " + id : "row " + id);
            expectedSum += id;
        }
        try (InsertResponse response = client.insert("million", new ByteArrayInputStream(body.toByteArray()),
                ClickHouseFormat.RowBinary).get(60, TimeUnit.SECONDS)) {
            assertThat(response.getWrittenRows()).isEqualTo(rows);
        }
        GenericRecord counted = client.queryAll(
                "SELECT toInt64(count()) AS c, toInt64(sum(id)) AS s, toInt64(countIf(name LIKE 'line\n\nbreak %')) AS b FROM million").getFirst();
        assertThat(counted.getLong("c")).isEqualTo(rows);
        assertThat(counted.getLong("s")).isEqualTo(expectedSum);
        assertThat(counted.getLong("b")).isEqualTo(rows / 1000);
    }

    @Test
    void insertsJsonEachRowAcrossBlankLines() throws Exception {
        client.execute("CREATE TABLE json_rows (id UInt32, name String) ENGINE = MergeTree ORDER BY id").get().close();
        String json = "{\"id\":1,\"name\":\"a\"}\n\n{\"id\":2,\"name\":\"b\"}\n\n\n{\"id\":3,\"name\":\"c\"}\n";
        client.insert("json_rows", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                ClickHouseFormat.JSONEachRow).get().close();
        assertThat(client.queryAll("SELECT name FROM json_rows ORDER BY id")).extracting(r -> r.getString("name"))
                .containsExactly("a", "b", "c");
    }

    @Test
    void insertsRegisteredPojos() throws Exception {
        client.execute("CREATE TABLE pojo_rows (id UInt64, name String, score Float64) ENGINE = MergeTree ORDER BY id")
                .get().close();
        client.register(PojoRow.class, client.getTableSchema("pojo_rows"));
        List<PojoRow> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(new PojoRow(i, "name-" + i, i / 2.0));
        }
        try (InsertResponse response = client.insert("pojo_rows", rows).get()) {
            assertThat(response.getWrittenRows()).isEqualTo(500);
        }
        GenericRecord summary = client.queryAll(
                "SELECT toInt64(count()) AS c, sum(score) AS s, any(name) LIKE 'name-%' AS named FROM pojo_rows").getFirst();
        assertThat(summary.getLong("c")).isEqualTo(500);
        assertThat(summary.getDouble("s")).isEqualTo(62375.0);
        assertThat(summary.getBoolean("named")).isTrue();
    }

    @Test
    void servesResultsWithAndWithoutCompression() throws Exception {
        String sql = "SELECT toInt64(number) AS n, repeat('x', 100) AS pad FROM numbers(200000)";
        try (Client plain = clientBuilder().compressServerResponse(false).build();
             Client http = clientBuilder().useHttpCompression(true).compressClientRequest(true).build();
             Client blocks = clientBuilder().compressClientRequest(true).build()) {
            for (Client each : List.of(client, plain, http, blocks)) {
                List<GenericRecord> records = each.queryAll(sql);
                assertThat(records).hasSize(200_000);
                assertThat(records.getLast().getLong("n")).isEqualTo(199_999);
            }
            // Request bodies compressed both ways: HTTP Content-Encoding and ClickHouse's own blocks.
            client.execute("CREATE TABLE compressed_in (id UInt32) ENGINE = Memory").get().close();
            for (Client each : List.of(http, blocks)) {
                each.insert("compressed_in", new ByteArrayInputStream("1\n2\n3\n".getBytes(StandardCharsets.UTF_8)),
                        ClickHouseFormat.TSV).get().close();
            }
            assertThat(client.queryAll("SELECT toInt64(sum(id)) AS s FROM compressed_in").getFirst().getLong("s")).isEqualTo(12);
        }
    }

    @Test
    void bindsServerSideParameters() {
        GenericRecord record = client.queryAll("SELECT {n:UInt32} + 1 AS v, {s:String} AS s",
                Map.of("n", 41, "s", "it's \"quoted\"")).getFirst();
        assertThat(record.getLong("v")).isEqualTo(42);
        assertThat(record.getString("s")).isEqualTo("it's \"quoted\"");
    }

    @Test
    void reportsSyntaxErrorsWithClickHouseCode() {
        ServerException error = serverError(() -> client.query("SELEC 1").get());
        assertThat(error.getCode()).isEqualTo(62);
        assertThat(error.getMessage()).contains("Syntax error");
        assertThat(error.getTransportProtocolCode()).isEqualTo(400);
    }

    @Test
    void reportsUnknownTablesWithClickHouseCode() {
        ServerException error = serverError(() -> client.query("SELECT * FROM no_such_table").get());
        assertThat(error.getCode()).isEqualTo(60);
        assertThat(error.getMessage()).contains("no_such_table");
    }

    @Test
    void rejectsMultiStatementRequests() throws Exception {
        client.execute("CREATE TABLE multi_probe (id UInt8) ENGINE = Memory").get().close();
        ServerException error = serverError(() -> client.query("INSERT INTO multi_probe VALUES (1); DROP TABLE multi_probe").get());
        assertThat(error.getCode()).isEqualTo(62);
        assertThat(error.getMessage()).contains("Multi-statements are not allowed");
        assertThat(client.queryAll("SELECT count() AS c FROM multi_probe").getFirst().getLong("c")).isZero();
    }

    @Test
    void keepsUrlSettingsAndDatabaseToTheirOwnRequest() throws Exception {
        long defaultBlockSize = client.queryAll("SELECT toInt64(getSetting('max_block_size')) AS v").getFirst().getLong("v");
        QuerySettings small = new QuerySettings().serverSetting("max_block_size", "1000");
        assertThat(client.queryAll("SELECT toInt64(getSetting('max_block_size')) AS v", small).getFirst().getLong("v"))
                .isEqualTo(1000);
        assertThat(client.queryAll("SELECT toInt64(getSetting('max_block_size')) AS v").getFirst().getLong("v"))
                .isEqualTo(defaultBlockSize);

        client.execute("CREATE DATABASE IF NOT EXISTS elsewhere").get().close();
        QuerySettings elsewhere = new QuerySettings().setDatabase("elsewhere");
        assertThat(client.queryAll("SELECT currentDatabase() AS d", elsewhere).getFirst().getString("d")).isEqualTo("elsewhere");
        client.query("USE elsewhere").get().close();
        client.query("SET max_block_size = 7").get().close();
        for (int i = 0; i < 4; i++) {
            GenericRecord state = client.queryAll(
                    "SELECT currentDatabase() AS d, toInt64(getSetting('max_block_size')) AS v").getFirst();
            assertThat(state.getString("d")).isEqualTo("default");
            assertThat(state.getLong("v")).isEqualTo(defaultBlockSize);
        }
    }

    @Test
    void servesEightClientsQueryingAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                work.add(() -> {
                    long total = 0;
                    for (int i = 0; i < 15; i++) {
                        total += client.queryAll("SELECT toInt64(sum(number) + " + offset + ") AS s FROM numbers(1000000)")
                                .getFirst().getLong("s");
                    }
                    return total;
                });
            }
            List<Future<Long>> results = threads.invokeAll(work, 60, TimeUnit.SECONDS);
            for (int t = 0; t < 8; t++) {
                assertThat(results.get(t).get()).isEqualTo(15 * (499_999_500_000L + t));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void answersTheJdbcDriver() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:clickhouse://127.0.0.1:" + server.port() + "/default", "default", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE jdbc_rows (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jdbc_rows (id, name) VALUES (?, ?)")) {
                for (int i = 1; i <= 100; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "n" + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT count(), sum(id), max(name) FROM jdbc_rows")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(100);
                assertThat(result.getLong(2)).isEqualTo(5050);
                assertThat(result.getString(3)).isEqualTo("n99");
            }
        }
    }

    private static ServerException serverError(Callable<?> call) {
        try {
            call.call();
        } catch (ServerException e) {
            return e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServerException cause) {
                return cause;
            }
            throw new AssertionError("Expected a ServerException", e);
        } catch (Exception e) {
            throw new AssertionError("Expected a ServerException", e);
        }
        return fail("Expected a ServerException, but the call succeeded");
    }

    private static void writeUInt64(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        while ((length & ~0x7F) != 0) {
            out.write((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(bytes);
    }

    /** A row the client serialises itself once registered against the table's schema. */
    public static final class PojoRow {
        private long id;
        private String name;
        private double score;

        public PojoRow() {
        }

        PojoRow(long id, String name, double score) {
            this.id = id;
            this.name = name;
            this.score = score;
        }

        public long getId() {
            return id;
        }

        public void setId(long id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public double getScore() {
            return score;
        }

        public void setScore(double score) {
            this.score = score;
        }
    }
}
