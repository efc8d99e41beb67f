package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Inserts span rows into {@code otel_traces}, one INSERT per call, in RowBinary encoded beforehand.
 *
 * <p>{@link #insert} returns only once ClickHouse confirmed the insert: when it returns normally the
 * rows are stored, and a caller may commit whatever it read them from. Calls that carry the same
 * deduplication token store the rows once, because ClickHouse remembers the last
 * {@code non_replicated_deduplication_window} tokens of the table; that is what makes a replay of the
 * same Kafka batch harmless. On failure it throws, and {@link dev.vigil.store.error.ClickHouseFailure#of} tells
 * whether trying the same rows again can succeed. See {@link TableInsert}.
 */
@Singleton
public final class TraceTableWriter {
    /**
     * Explicit, so columns a later migration adds with a default do not break the insert. The encoded
     * rows follow this order.
     */
    static final List<String> COLUMNS = List.of(
            "Timestamp", "TraceId", "SpanId", "ParentSpanId", "TraceState", "SpanName", "SpanKind",
            "ServiceName", "ResourceAttributes", "ScopeName", "ScopeVersion", "SpanAttributes", "Duration",
            "StatusCode", "StatusMessage",
            "`Events.Timestamp`", "`Events.Name`", "`Events.Attributes`",
            "`Links.TraceId`", "`Links.SpanId`", "`Links.TraceState`", "`Links.Attributes`");

    private final Client client;
    private final String table;

    TraceTableWriter(Client client, ClickHouseConfig config) {
        this.client = client;
        this.table = TableInsert.qualified(config, Tables.TRACES);
    }

    /**
     * Stores the rows of the records, one after the other, or nothing when ClickHouse already stored a
     * batch under this token. The rows are RowBinary in the order of {@link #COLUMNS}, as
     * {@code dev.vigil.ingest.persist.SpanEncoder} writes them.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting for ClickHouse
     * @throws ClickHouseInsertException when ClickHouse refused the insert, did not answer in time, or
     *         could not be reached
     */
    public void insert(List<EncodedRows> records, String deduplicationToken) throws InterruptedException {
        TableInsert.run(client, table, COLUMNS, records, deduplicationToken);
    }
}
