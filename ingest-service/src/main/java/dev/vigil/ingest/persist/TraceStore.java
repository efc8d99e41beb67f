package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.clickhouse.EncodedRows;
import dev.vigil.ingest.clickhouse.TraceTableWriter;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;
import java.util.List;

/** Spans into {@code otel_traces}, encoded to RowBinary as each record is read. */
@Singleton
final class TraceStore implements SignalStore<EncodedRows> {
    private final TraceTableWriter writer;

    TraceStore(TraceTableWriter writer) {
        this.writer = writer;
    }

    @Override
    public Signal signal() {
        return Signal.TRACES;
    }

    @Override
    public EncodedRows decode(byte[] value) throws InvalidProtocolBufferException {
        return SpanEncoder.encode(value);
    }

    @Override
    public int items(EncodedRows rows) {
        return rows.rows();
    }

    @Override
    public List<Insert> inserts(List<EncodedRows> records) {
        return Insert.byDays(Tables.TRACES, records, writer::insert);
    }
}
