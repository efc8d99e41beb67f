package dev.vigil.bench.ingest;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the benchmarks read from ClickHouse: stored counts and the size of a table on disk. */
public final class ClickHouseFigures implements AutoCloseable {
    private final Client client;

    public ClickHouseFigures(String url, String user, String password) {
        this.client = new Client.Builder().addEndpoint(url).setUsername(user).setPassword(password)
                .compressServerResponse(false).build();
    }

    /**
     * Rows stored for the services whose names start with the prefix; {@code ServiceName} leads the
     * key of the span and metric tables, so there this reads only their parts.
     */
    public long rows(String table, String servicePrefix) {
        List<GenericRecord> rows = client.queryAll("SELECT count() AS n FROM " + table
                + " WHERE startsWith(ServiceName, {prefix:String})", Map.<String, Object>of("prefix", servicePrefix));
        return rows.getFirst().getLong("n");
    }

    /**
     * Waits until the tables together hold {@code expected} rows of the services whose names start with the prefix;
     * returns when it saw them ({@link System#nanoTime()}). More rows than sent means some were stored twice: an error.
     */
    public long awaitRows(String database, List<String> tables, String servicePrefix, long expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = 0;
            for (String table : tables) {
                seen += rows("`" + database + "`.`" + table + "`", servicePrefix);
            }
            if (seen >= expected) {
                if (seen > expected) {
                    throw new IllegalStateException("ClickHouse holds " + seen + " rows of the run in " + tables
                            + ", more than the " + expected + " sent: something was stored twice");
                }
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("only " + seen + " of " + expected + " rows stored in " + tables + " within "
                + timeout);
    }

    public long count(String sql) {
        return client.queryAll(sql).getFirst().getLong("n");
    }

    /** Bytes of the table's active parts on disk. */
    public long bytesOnDisk(String database, String table) {
        List<GenericRecord> rows = client.queryAll("SELECT sum(bytes_on_disk) AS b FROM system.parts"
                + " WHERE database = {db:String} AND table = {t:String} AND active", Map.<String, Object>of("db", database, "t", table));
        return rows.getFirst().getLong("b");
    }

    /** Bytes of the active parts of the tables on disk, together. */
    public long bytesOnDisk(String database, List<String> tables) {
        long sum = 0;
        for (String table : tables) {
            sum += bytesOnDisk(database, table);
        }
        return sum;
    }

    /** The result of a query with one {@code prefix} parameter, as RowBinary bytes. */
    public byte[] rowBinary(String sql, String prefix) throws Exception {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.RowBinary);
        try (QueryResponse response = client.query(sql, Map.<String, Object>of("prefix", prefix), settings)
                .get(10, TimeUnit.MINUTES)) {
            return response.getInputStream().readAllBytes();
        }
    }

    /** Inserts RowBinary rows of every column of the table, in the table's order; returns once ClickHouse confirmed. */
    public void insertRowBinary(String table, byte[] rows) throws Exception {
        try (InsertResponse ignored = client.insert(table, new ByteArrayInputStream(rows), ClickHouseFormat.RowBinary)
                .get(10, TimeUnit.MINUTES)) {
            // Returning normally is the confirmation.
        }
    }

    public void execute(String sql) {
        client.queryAll(sql);
    }

    @Override
    public void close() {
        client.close();
    }
}
