package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Inserts log rows into {@code otel_logs}, one INSERT per call, in RowBinary encoded beforehand; the materialized view
 * behind the table fills {@code vigil_access_logs} from the same insert.
 *
 * <p>{@link #insert} returns only once ClickHouse confirmed the insert, and stores nothing when a
 * batch with the same deduplication token was stored before (see {@link TableInsert}).
 */
@Singleton
public final class LogTableWriter {
    /** Explicit, so columns a later migration adds with a default do not break the insert. */
    static final List<String> COLUMNS = List.of(
            "Timestamp", "TraceId", "SpanId", "TraceFlags", "SeverityText", "SeverityNumber", "ServiceName",
            "Body", "ResourceSchemaUrl", "ResourceAttributes", "ScopeSchemaUrl", "ScopeName", "ScopeVersion",
            "ScopeAttributes", "LogAttributes", "EventName");

    private final Client client;
    private final String table;

    LogTableWriter(Client client, ClickHouseConfig config) {
        this.client = client;
        this.table = TableInsert.qualified(config, Tables.LOGS);
    }

    /**
     * Stores the rows of the records, one after the other, or nothing when ClickHouse already stored a batch under
     * this token. Each record's rows are RowBinary in the order of
     * {@link #COLUMNS}, as {@code dev.vigil.ingest.persist.LogEncoder} writes them.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting for ClickHouse
     * @throws ClickHouseInsertException when ClickHouse refused the insert, did not answer in time, or
     *         could not be reached
     */
    public void insert(List<EncodedRows> records, String deduplicationToken) throws InterruptedException {
        TableInsert.run(client, table, COLUMNS, records, deduplicationToken);
    }
}
