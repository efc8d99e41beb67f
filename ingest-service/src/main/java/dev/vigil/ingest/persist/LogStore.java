package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.clickhouse.EncodedRows;
import dev.vigil.ingest.clickhouse.LogTableWriter;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Log records into {@code otel_logs}, and through its view the access logs into {@code vigil_access_logs}; encoded
 * to RowBinary as each record is read.
 */
@Singleton
final class LogStore implements SignalStore<EncodedRows> {
    private final LogTableWriter writer;

    LogStore(LogTableWriter writer) {
        this.writer = writer;
    }

    @Override
    public Signal signal() {
        return Signal.LOGS;
    }

    @Override
    public EncodedRows decode(byte[] value) throws InvalidProtocolBufferException {
        return LogEncoder.encode(value);
    }

    @Override
    public int items(EncodedRows rows) {
        return rows.rows();
    }

    @Override
    public List<Insert> inserts(List<EncodedRows> records) {
        return Insert.byDays(Tables.LOGS, records, writer::insert);
    }
}
