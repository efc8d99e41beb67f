package dev.vigil.query.log;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import dev.vigil.query.clickhouse.ClickHouseReader;
import dev.vigil.query.trace.Timestamps;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
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

    /**
     * A text search asks for the newest matches of its window in slices, newest first, each three times as long as
     * all read before it (the newest 1/64 of the window, then 3/64, 12/64 and the 48/64 left), and stops when the page is full: a common word fills a page from the newest minutes without reading the
     * rest of the hour. The slices are disjoint and in page order, so their rows together are the page one statement
     * over the whole window would answer.
     */
    private static final int FIRST_SLICE = 64;
    private static final int SLICE_GROWTH = 4;

    CompletionStage<List<Keyed<LogRecord>>> logs(LogQueries.Filters filters) {
        if (filters.text() == null) {
            return page(filters);
        }
        long top = filters.afterNanos() == null ? filters.toNanos()
                : Math.min(filters.toNanos(), filters.afterNanos() + 1);
        return slices(filters, top, top, new ArrayList<>());
    }

    /** The page's rows from [{@code filters.fromNanos}, {@code to}), after {@code found}, a slice at a time. */
    private CompletionStage<List<Keyed<LogRecord>>> slices(LogQueries.Filters filters, long top, long to,
            List<Keyed<LogRecord>> found) {
        long read = top - to;
        long length = read == 0 ? Math.max(1, (top - filters.fromNanos()) / FIRST_SLICE) : read * (SLICE_GROWTH - 1);
        long from = Math.max(filters.fromNanos(), to - length);
        return page(filters.window(from, to, filters.limit() - found.size())).thenCompose(rows -> {
            found.addAll(rows);
            if (found.size() >= filters.limit() || from <= filters.fromNanos()) {
                return CompletableFuture.completedFuture(found);
            }
            return slices(filters, top, from, found);
        });
    }

    private CompletionStage<List<Keyed<LogRecord>>> page(LogQueries.Filters filters) {
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

    /** Counts per bucket of {@code step} seconds from {@code fromSecond} to {@code toSecond}, every class of each. */
    CompletionStage<LogVolume> volume(LogQueries.Filters filters, long fromSecond, long toSecond, long step) {
        LogQueries.Statement statement = LogQueries.volume(filters, fromSecond, step);
        return clickHouse.query(statement.sql(), statement.parameters(), rows -> {
            Map<Long, long[]> byBucket = new HashMap<>();
            while (rows.hasNext()) {
                rows.next();
                byBucket.computeIfAbsent(rows.getLong("Bucket"), b -> new long[LogVolume.CLASSES.size()])
                        [rows.getInteger("Class")] += rows.getLong("Records");
            }
            List<LogVolume.Point> points = new ArrayList<>();
            for (long bucket = fromSecond; bucket < toSecond; bucket += step) {
                long[] counts = byBucket.getOrDefault(bucket, new long[LogVolume.CLASSES.size()]);
                // Most severe last, as a legend reads; UNSPECIFIED after them.
                Map<String, Long> byClass = new LinkedHashMap<>();
                for (int c = 1; c < LogVolume.CLASSES.size(); c++) {
                    byClass.put(LogVolume.CLASSES.get(c), counts[c]);
                }
                byClass.put(LogVolume.CLASSES.getFirst(), counts[0]);
                points.add(new LogVolume.Point(Instant.ofEpochSecond(bucket).toString(), byClass));
            }
            return new LogVolume(Instant.ofEpochSecond(fromSecond).toString(), Instant.ofEpochSecond(toSecond).toString(),
                    step, points);
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
