package dev.vigil.bench.ingest;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.List;
import java.util.Map;

/** What the benchmark reads from ClickHouse: stored span counts and the size of a table on disk. */
final class ClickHouseFigures implements AutoCloseable {
    private final Client client;

    ClickHouseFigures(String url, String user, String password) {
        this.client = new Client.Builder().addEndpoint(url).setUsername(user).setPassword(password)
                .compressServerResponse(false).build();
    }

    Client client() {
        return client;
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

    void execute(String sql) {
        client.queryAll(sql);
    }

    @Override
    public void close() {
        client.close();
    }
}
