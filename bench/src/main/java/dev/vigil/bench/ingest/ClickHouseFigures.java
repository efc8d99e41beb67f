package dev.vigil.bench.ingest;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the benchmark reads from ClickHouse: stored span counts and the size of a table on disk. */
final class ClickHouseFigures implements AutoCloseable {
    private final Client client;

    ClickHouseFigures(String url, String user, String password) {
        this.client = new Client.Builder().addEndpoint(url).setUsername(user).setPassword(password)
                .compressServerResponse(false).build();
    }

    /**
     * Spans stored for the services whose names start with the prefix; {@code ServiceName} leads the
     * table's key, so this reads only their parts.
     */
    long spans(String table, String servicePrefix) {
        List<GenericRecord> rows = client.queryAll("SELECT count() AS n FROM " + table
                + " WHERE startsWith(ServiceName, {prefix:String})", Map.<String, Object>of("prefix", servicePrefix));
        return rows.getFirst().getLong("n");
    }

    long count(String sql) {
        return client.queryAll(sql).getFirst().getLong("n");
    }

    /** Bytes of the table's active parts on disk. */
    long bytesOnDisk(String database, String table) {
        List<GenericRecord> rows = client.queryAll("SELECT sum(bytes_on_disk) AS b FROM system.parts"
                + " WHERE database = {db:String} AND table = {t:String} AND active", Map.<String, Object>of("db", database, "t", table));
        return rows.getFirst().getLong("b");
    }

    /** The result of a query with one {@code prefix} parameter, as RowBinary bytes. */
    byte[] rowBinary(String sql, String prefix) throws Exception {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.RowBinary);
        try (QueryResponse response = client.query(sql, Map.<String, Object>of("prefix", prefix), settings)
                .get(10, TimeUnit.MINUTES)) {
            return response.getInputStream().readAllBytes();
        }
    }

    /** Inserts RowBinary rows of every column of the table, in the table's order; returns once ClickHouse confirmed. */
    void insertRowBinary(String table, byte[] rows) throws Exception {
        try (InsertResponse ignored = client.insert(table, new ByteArrayInputStream(rows), ClickHouseFormat.RowBinary)
                .get(10, TimeUnit.MINUTES)) {
            // Returning normally is the confirmation.
        }
    }

    void execute(String sql) {
        client.queryAll(sql);
    }

    @Override
    public void close() {
        client.close();
    }
}
