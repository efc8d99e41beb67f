package dev.vigil.query.log;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import dev.vigil.query.clickhouse.ClickHouseReader;
import dev.vigil.query.trace.Timestamps;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/** Reads pages of log records and access log entries. Failures are {@link dev.vigil.query.clickhouse.StorageException}s. */
@Singleton
final class LogStore {

    private final ClickHouseReader clickHouse;

    LogStore(ClickHouseReader clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** A row and its place in the page order. */
    record Keyed<T>(T item, long timeNanos, long rowKey) {
    }

    CompletionStage<List<Keyed<LogRecord>>> logs(LogQueries.Filters filters) {
        LogQueries.Statement statement = LogQueries.logs(filters);
        return clickHouse.query(statement.sql(), statement.parameters(), rows -> {
            List<Keyed<LogRecord>> out = new ArrayList<>();
            while (rows.hasNext()) {
                rows.next();
                long time = rows.getLong("TimeNanos");
                out.add(new Keyed<>(new LogRecord(Timestamps.fromUnixNanos(time), emptyToNull(rows.getString("TraceId")),
                        emptyToNull(rows.getString("SpanId")), rows.getString("SeverityText"), rows.getInteger("Severity"),
                        rows.getString("ServiceName"), rows.getString("Body"), map(rows, "Attributes"),
                        map(rows, "ResourceAttributes"), rows.getString("ScopeName")), time, rows.getLong("RowKey")));
            }
            return out;
        });
    }

    CompletionStage<List<Keyed<AccessLogEntry>>> accessLogs(LogQueries.Filters filters) {
        LogQueries.Statement statement = LogQueries.accessLogs(filters);
        return clickHouse.query(statement.sql(), statement.parameters(), rows -> {
            List<Keyed<AccessLogEntry>> out = new ArrayList<>();
            while (rows.hasNext()) {
                rows.next();
                long time = rows.getLong("TimeNanos");
                out.add(new Keyed<>(new AccessLogEntry(Timestamps.fromUnixNanos(time),
                        emptyToNull(rows.getString("TraceId")), emptyToNull(rows.getString("SpanId")),
                        rows.getString("ServiceName"), rows.getString("SourceWorkload"),
                        rows.getString("SourceNamespace"), rows.getString("DestinationWorkload"),
                        rows.getString("DestinationNamespace"), rows.getInteger("Code"), rows.getString("Method"),
                        rows.getString("Path"), rows.getLong("DurationNanos"), map(rows, "Attributes")), time,
                        rows.getLong("RowKey")));
            }
            return out;
        });
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static SortedMap<String, String> map(ClickHouseBinaryFormatReader rows, String column) {
        SortedMap<String, String> out = new TreeMap<>();
        Object value = rows.readValue(column);
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }
}
