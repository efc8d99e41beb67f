package dev.vigil.query.trace;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import dev.vigil.query.clickhouse.ClickHouseReader;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads whole traces from ClickHouse: the traces' services and time range from their summaries (one primary-key
 * read) bound the read of their spans, so a lookup never scans all of {@code otel_traces}.
 *
 * <p>Contract: an empty result means ClickHouse holds no span of the trace; a failure is a
 * {@link dev.vigil.query.clickhouse.StorageException}.
 */
@Singleton
public final class TraceStore {

    private final ClickHouseReader clickHouse;

    TraceStore(ClickHouseReader clickHouse) {
        this.clickHouse = clickHouse;
    }

    /**
     * One round trip: the trace's services and time range are a scalar subquery of the span read, so the read
     * still goes by the primary key (see {@link TraceSearchQueries#SPANS_OF_TRACES}).
     */
    public CompletionStage<Optional<Trace>> find(TraceId id) {
        return findAll(List.of(id.hex())).thenApply(traces -> Optional.ofNullable(traces.get(id.hex())));
    }

    /**
     * A trace that matched a search, and its value in the search's order: the time of its latest matching span
     * ({@link TraceSearch.Order#RECENT}) or its duration ({@link TraceSearch.Order#DURATION}), in nanoseconds.
     */
    public record Match(String traceId, long orderValue) {
    }

    /** Matching traces in the search's order, at most {@code limit}. */
    public CompletionStage<List<Match>> matching(TraceSearch search, int limit) {
        TraceSearchQueries.Statement statement = search.order() == TraceSearch.Order.DURATION
                ? TraceSearchQueries.slowestTraces(search, limit)
                : TraceSearchQueries.matchingTraces(search, limit);
        return clickHouse.query(statement.sql(), statement.parameters(), rows -> {
            List<Match> matches = new ArrayList<>();
            while (rows.hasNext()) {
                rows.next();
                matches.add(new Match(rows.getString("TraceId"), rows.getLong("OrderValue")));
            }
            return matches;
        });
    }

    /** Spans per bucket of {@code step} seconds from {@code fromSecond} to {@code toSecond}, empty buckets included. */
    public CompletionStage<SpanVolume> volume(TraceSearchQueries.VolumeFilter filter, long fromSecond, long toSecond,
            long step) {
        TraceSearchQueries.Statement statement = TraceSearchQueries.volume(filter, fromSecond, step);
        return clickHouse.query(statement.sql(), statement.parameters(), rows -> {
            Map<Long, Long> byBucket = new HashMap<>();
            while (rows.hasNext()) {
                rows.next();
                byBucket.put(rows.getLong("Bucket"), rows.getLong("Spans"));
            }
            List<SpanVolume.Point> points = new ArrayList<>();
            long total = 0;
            for (long bucket = fromSecond; bucket < toSecond; bucket += step) {
                long count = byBucket.getOrDefault(bucket, 0L);
                points.add(new SpanVolume.Point(Instant.ofEpochSecond(bucket).toString(), count));
                total += count;
            }
            return new SpanVolume(Instant.ofEpochSecond(fromSecond).toString(), Instant.ofEpochSecond(toSecond).toString(),
                    step, points, total);
        });
    }

    /** Summaries of these traces, by id; a trace whose spans are gone is missing from the map. */
    public CompletionStage<Map<String, TraceSummary>> summaries(List<String> traceIds) {
        if (traceIds.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return clickHouse.query(TraceSearchQueries.SUMMARIES, Map.of("ids", traceIds),
                rows -> {
                    Map<String, TraceSummary> summaries = new LinkedHashMap<>();
                    while (rows.hasNext()) {
                        rows.next();
                        long start = rows.getLong("StartNanos");
                        List<Object> services = rows.getList("Services");
                        summaries.put(rows.getString("TraceId"), new TraceSummary(
                                rows.getString("TraceId"),
                                rows.getString("RootService"),
                                rows.getString("RootOperation"),
                                Timestamps.fromUnixNanos(start),
                                rows.getLong("EndNanos") - start,
                                rows.getLong("Spans"),
                                rows.getLong("Errors"),
                                services.stream().map(String::valueOf).toList()));
                    }
                    return summaries;
                });
    }

    /** These whole traces, by id, each parent before its children; a trace with no stored span is missing. */
    public CompletionStage<Map<String, Trace>> findAll(List<String> traceIds) {
        if (traceIds.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return clickHouse.query(TraceSearchQueries.SPANS_OF_TRACES,
                Map.of("ids", traceIds), TraceStore::spans)
                .thenApply(spans -> {
                    Map<String, List<Span>> byTrace = new LinkedHashMap<>();
                    traceIds.forEach(id -> byTrace.put(id, new ArrayList<>()));
                    spans.forEach(span -> byTrace.computeIfAbsent(span.traceId(), k -> new ArrayList<>()).add(span));
                    Map<String, Trace> traces = new LinkedHashMap<>();
                    byTrace.forEach((id, list) -> {
                        if (!list.isEmpty()) {
                            traces.put(id, new Trace(id, SpanOrder.parentsFirst(list)));
                        }
                    });
                    return traces;
                });
    }

    private static List<Span> spans(ClickHouseBinaryFormatReader rows) {
        List<Span> spans = new ArrayList<>();
        while (rows.hasNext()) {
            rows.next();
            spans.add(span(rows));
        }
        return spans;
    }

    private static Span span(ClickHouseBinaryFormatReader row) {
        String parentSpanId = row.getString("ParentSpanId");
        return new Span(
                row.getString("TraceId"),
                row.getString("SpanId"),
                parentSpanId.isEmpty() ? null : parentSpanId,
                row.getString("SpanName"),
                SpanKind.fromStored(row.getString("SpanKind")),
                row.getString("ServiceName"),
                Timestamps.fromUnixNanos(row.getLong("StartUnixNanos")),
                row.getLong("DurationNanos"),
                new Span.Status(StatusCode.fromStored(row.getString("StatusCode")), row.getString("StatusMessage")),
                attributes(row.readValue("SpanAttributes")),
                attributes(row.readValue("ResourceAttributes")),
                new Span.Scope(row.getString("ScopeName"), row.getString("ScopeVersion")),
                events(row),
                links(row));
    }

    private static List<Span.Event> events(ClickHouseBinaryFormatReader row) {
        long[] times = row.getLongArray("EventUnixNanos");
        List<Object> names = row.getList("EventNames");
        List<Object> attributes = row.getList("EventAttributes");
        List<Span.Event> events = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            events.add(new Span.Event(
                    Timestamps.fromUnixNanos(times[i]), String.valueOf(names.get(i)), attributes(attributes.get(i))));
        }
        return events;
    }

    private static List<Span.Link> links(ClickHouseBinaryFormatReader row) {
        List<Object> traceIds = row.getList("LinkTraceIds");
        List<Object> spanIds = row.getList("LinkSpanIds");
        List<Object> traceStates = row.getList("LinkTraceStates");
        List<Object> attributes = row.getList("LinkAttributes");
        List<Span.Link> links = new ArrayList<>(traceIds.size());
        for (int i = 0; i < traceIds.size(); i++) {
            links.add(new Span.Link(String.valueOf(traceIds.get(i)), String.valueOf(spanIds.get(i)),
                    String.valueOf(traceStates.get(i)), attributes(attributes.get(i))));
        }
        return links;
    }

    // Sorted by key so that the same trace always serialises the same way.
    private static SortedMap<String, String> attributes(Object map) {
        if (!(map instanceof Map<?, ?> entries)) {
            throw new IllegalStateException("expected a Map column value, got " + map);
        }
        SortedMap<String, String> attributes = new TreeMap<>();
        entries.forEach((key, value) -> attributes.put(String.valueOf(key), String.valueOf(value)));
        return attributes;
    }
}
