package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/**
 * Inserts log rows into {@code otel_logs}, one INSERT per call, in RowBinary; the materialized view
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
     * Stores the rows, or nothing when ClickHouse already stored a batch under this token.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting for ClickHouse
     * @throws ClickHouseInsertException when ClickHouse refused the insert, did not answer in time, or
     *         could not be reached
     */
    public void insert(List<LogRow> rows, String deduplicationToken) throws InterruptedException {
        if (rows.isEmpty()) {
            return;
        }
        TableInsert.run(client, table, COLUMNS, out -> write(rows, out), deduplicationToken);
    }

    static void write(List<LogRow> rows, RowBinaryOutput out) throws IOException {
        for (LogRow row : rows) {
            out.int64(row.timestampNanos());
            out.string(row.traceId());
            out.string(row.spanId());
            out.uint8(row.traceFlags());
            out.string(row.severityText());
            out.uint8(row.severityNumber());
            out.string(row.serviceName());
            out.string(row.body());
            out.string(row.resourceSchemaUrl());
            out.map(row.resourceAttributes());
            out.string(row.scopeSchemaUrl());
            out.string(row.scopeName());
            out.string(row.scopeVersion());
            out.map(row.scopeAttributes());
            out.map(row.logAttributes());
            out.string(row.eventName());
        }
    }
}
