package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.clickhouse.SpanRow;
import dev.vigil.ingest.clickhouse.TraceTableWriter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Spans into {@code otel_traces}. */
@Singleton
final class TraceStore implements SignalStore<List<SpanRow>> {
    private final TraceTableWriter writer;

    TraceStore(TraceTableWriter writer) {
        this.writer = writer;
    }

    @Override
    public Signal signal() {
        return Signal.TRACES;
    }

    @Override
    public List<SpanRow> decode(byte[] value) throws InvalidProtocolBufferException {
        return SpanRowMapper.rows(ExportTraceServiceRequest.parseFrom(value));
    }

    @Override
    public int items(List<SpanRow> rows) {
        return rows.size();
    }

    @Override
    public void insert(List<List<SpanRow>> rows, String deduplicationToken) throws InterruptedException {
        writer.insert(flatten(rows), deduplicationToken);
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
