package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.clickhouse.LogRow;
import dev.vigil.ingest.clickhouse.LogTableWriter;
import dev.vigil.store.schema.Tables;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Log records into {@code otel_logs}, and through its view the access logs into {@code vigil_access_logs}. */
@Singleton
final class LogStore implements SignalStore<List<LogRow>> {
    private final LogTableWriter writer;

    LogStore(LogTableWriter writer) {
        this.writer = writer;
    }

    @Override
    public Signal signal() {
        return Signal.LOGS;
    }

    @Override
    public List<LogRow> decode(byte[] value) throws InvalidProtocolBufferException {
        return LogRowMapper.rows(ExportLogsServiceRequest.parseFrom(value));
    }

    @Override
    public int items(List<LogRow> rows) {
        return rows.size();
    }

    @Override
    public List<Insert> inserts(List<List<LogRow>> records) {
        return Insert.byDays(Tables.LOGS, records, LogRow::timestampNanos,
                (rows, token) -> writer.insert(flatten(rows), token));
    }

    static <T> List<T> flatten(List<List<T>> lists) {
        if (lists.size() == 1) {
            return lists.getFirst();
        }
        List<T> all = new ArrayList<>();
        for (List<T> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
