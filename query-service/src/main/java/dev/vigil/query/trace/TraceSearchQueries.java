package dev.vigil.query.trace;

import dev.vigil.query.api.TimeRange;
import dev.vigil.store.schema.Tables;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of trace search. The statement text is assembled only from the constants below, chosen by which
 * criteria are present; every value travels as a server-side parameter.
 */
final class TraceSearchQueries {

    private TraceSearchQueries() {
    }

    /** A statement and its parameters. */
    record Statement(String sql, Map<String, Object> parameters) {
    }

    private static final String MATCHING_TRACES_HEAD = """
            SELECT TraceId, toInt64(toUnixTimestamp64Nano(max(Timestamp))) AS OrderValue
            FROM """ + " " + Tables.TRACES + """

            WHERE Timestamp >= fromUnixTimestamp64Nano({fromNanos:Int64})
              AND Timestamp < fromUnixTimestamp64Nano({toNanos:Int64})
            """;
    private static final String SERVICE = "  AND ServiceName = {service:String}\n";
    private static final String OPERATION = "  AND SpanName = {operation:String}\n";
    private static final String MIN_DURATION = "  AND Duration >= {minDuration:UInt64}\n";
    private static final String MAX_DURATION = "  AND Duration <= {maxDuration:UInt64}\n";
    private static final String ERRORS = "  AND StatusCode = 'Error'\n";
    // %d is only ever an index from 0 to QueryParameters.MAX_ATTRIBUTE_FILTERS - 1, never input.
    private static final String SPAN_ATTRIBUTE = "  AND SpanAttributes[{attrKey%1$d:String}] = {attrValue%1$d:String}\n";
    private static final String RESOURCE_ATTRIBUTE =
            "  AND ResourceAttributes[{attrKey%1$d:String}] = {attrValue%1$d:String}\n";
    private static final String EITHER_ATTRIBUTE = "  AND (SpanAttributes[{attrKey%1$d:String}] = {attrValue%1$d:String}"
            + " OR ResourceAttributes[{attrKey%1$d:String}] = {attrValue%1$d:String})\n";
    private static final String GROUP = "GROUP BY TraceId\n";
    private static final String AFTER = "HAVING (OrderValue, TraceId) < ({afterValue:Int64}, {afterTrace:String})\n";
    private static final String ORDER = "ORDER BY OrderValue DESC, TraceId DESC\nLIMIT {limit:UInt32}\n";

    /**
     * The slowest of the matching traces: their summaries (a lookup by trace id in {@code vigil_trace_summaries},
     * whose primary key is the trace id, so only the granules of the matching traces are read) ranked by the whole
     * trace's duration. The matching traces are found as for the newest-first order, by one read of the spans in
     * the window: the cost of this order is that read plus the summaries of the traces it found.
     */
    private static final String SLOWEST_HEAD = """
            SELECT TraceId, max(EndNanos) - toInt64(toUnixTimestamp64Nano(min(Start))) AS OrderValue
            FROM """ + " " + Tables.TRACE_SUMMARIES + """

            WHERE TraceId IN (
            SELECT TraceId
            FROM """ + " " + Tables.TRACES + """

            WHERE Timestamp >= fromUnixTimestamp64Nano({fromNanos:Int64})
              AND Timestamp < fromUnixTimestamp64Nano({toNanos:Int64})
            """;
    private static final String SLOWEST_GROUP = ")\nGROUP BY TraceId\n";

    /**
     * The ids of matching traces, newest first by their latest matching span, at most {@code limit}.
     * Columns: TraceId, OrderValue (the latest matching span's start, Unix nanoseconds).
     */
    static Statement matchingTraces(TraceSearch search, int limit) {
        return statement(MATCHING_TRACES_HEAD, GROUP, search, limit);
    }

    /**
     * The ids of matching traces, slowest first by the whole trace's duration, at most {@code limit}.
     * Columns: TraceId, OrderValue (the duration in nanoseconds).
     */
    static Statement slowestTraces(TraceSearch search, int limit) {
        return statement(SLOWEST_HEAD, SLOWEST_GROUP, search, limit);
    }

    private static Statement statement(String head, String group, TraceSearch search, int limit) {
        StringBuilder sql = new StringBuilder(head);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("fromNanos", search.range().fromNanos());
        parameters.put("toNanos", search.range().toNanos());
        parameters.put("limit", limit);
        serviceAndOperation(sql, parameters, search.service(), search.operation());
        search.minDurationNanos().ifPresent(d -> {
            sql.append(MIN_DURATION);
            parameters.put("minDuration", d);
        });
        search.maxDurationNanos().ifPresent(d -> {
            sql.append(MAX_DURATION);
            parameters.put("maxDuration", d);
        });
        if (search.errorsOnly()) {
            sql.append(ERRORS);
        }
        int i = 0;
        i = attributes(sql, parameters, SPAN_ATTRIBUTE, search.spanAttributes(), i);
        i = attributes(sql, parameters, RESOURCE_ATTRIBUTE, search.resourceAttributes(), i);
        attributes(sql, parameters, EITHER_ATTRIBUTE, search.eitherAttributes(), i);
        sql.append(group);
        search.after().ifPresent(after -> {
            sql.append(AFTER);
            parameters.put("afterValue", after.value());
            parameters.put("afterTrace", after.traceId());
        });
        sql.append(ORDER);
        return new Statement(sql.toString(), parameters);
    }

    /**
     * Spans per bucket of {@code step} seconds counted from {@code fromSecond}, by their start; only buckets with
     * spans have rows. Columns: Bucket (Unix seconds), Spans.
     */
    private static final String VOLUME_HEAD = """
            SELECT
                toInt64({fromSecond:Int64}) + intDiv(toInt64(toUnixTimestamp(Timestamp)) - {fromSecond:Int64},
                                                     {step:UInt32}) * {step:UInt32} AS Bucket,
                toInt64(count()) AS Spans
            FROM """ + " " + Tables.TRACES + """

            WHERE Timestamp >= fromUnixTimestamp64Nano({fromNanos:Int64})
              AND Timestamp < fromUnixTimestamp64Nano({toNanos:Int64})
            """;
    /** A span whose status is not ERROR: OK or unset, as most instrumentations leave a success. */
    private static final String NOT_ERRORS = "  AND StatusCode != 'Error'\n";
    private static final String VOLUME_TAIL = "GROUP BY Bucket\nORDER BY Bucket\n";

    /** The volume {@link #volume} counts. */
    record VolumeFilter(TimeRange range, Optional<String> service, Optional<String> operation,
                        Optional<Boolean> errors) {
    }

    static Statement volume(VolumeFilter filter, long fromSecond, long step) {
        StringBuilder sql = new StringBuilder(VOLUME_HEAD);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("fromNanos", filter.range().fromNanos());
        parameters.put("toNanos", filter.range().toNanos());
        parameters.put("fromSecond", fromSecond);
        parameters.put("step", step);
        serviceAndOperation(sql, parameters, filter.service(), filter.operation());
        filter.errors().ifPresent(errors -> sql.append(errors ? ERRORS : NOT_ERRORS));
        sql.append(VOLUME_TAIL);
        return new Statement(sql.toString(), parameters);
    }

    private static void serviceAndOperation(StringBuilder sql, Map<String, Object> parameters, Optional<String> service,
            Optional<String> operation) {
        service.ifPresent(s -> {
            sql.append(SERVICE);
            parameters.put("service", s);
        });
        operation.ifPresent(o -> {
            sql.append(OPERATION);
            parameters.put("operation", o);
        });
    }

    private static int attributes(StringBuilder sql, Map<String, Object> parameters, String template,
            Map<String, String> filters, int first) {
        int i = first;
        for (Map.Entry<String, String> attribute : filters.entrySet()) {
            sql.append(String.format(template, i));
            parameters.put("attrKey" + i, attribute.getKey());
            parameters.put("attrValue" + i, attribute.getValue());
            i++;
        }
        return i;
    }

    /**
     * One summary row per trace in {@code ids}, from {@code vigil_trace_summaries} (V0012): a point lookup by trace
     * id, where summarising from {@code otel_traces} would read every span of every listed trace, spread over the
     * whole table. Rows of one trace not yet merged are aggregated here. The root is the earliest span without a
     * parent.
     */
    static final String SUMMARIES = """
            SELECT
                TraceId,
                toInt64(toUnixTimestamp64Nano(min(Start))) AS StartNanos,
                max(EndNanos) AS EndNanos,
                toInt64(sum(Spans)) AS Spans,
                toInt64(sum(Errors)) AS Errors,
                arraySort(groupUniqArrayArray(Services)) AS Services,
                argMinMerge(Root) AS RootSpan,
                RootSpan.1 AS RootService,
                RootSpan.2 AS RootOperation
            FROM """ + " " + Tables.TRACE_SUMMARIES + """

            WHERE TraceId IN {ids:Array(String)}
            GROUP BY TraceId
            """;

    /**
     * The services and time bounds of a set of traces, from their summaries, as one scalar (computed once, before
     * the read): {@code trace.1} the services, {@code trace.2} the earliest span start, {@code trace.3} the latest
     * span end in nanoseconds. {@code otel_traces} is ordered by service, hour and trace id (V0015), so naming the
     * services, with the bounds naming the hours, lets the primary key find each service's spans of the trace in
     * one or two granules; the bounds also prune parts by time. The summaries view is filled by the same inserts as
     * {@code otel_traces}, so it names every service a stored span of the trace has, and no span starts before its
     * start or after its end. For a trace it does not know the array is empty and nothing is read.
     * <p>One scalar rather than one per value: each scalar subquery is a read of its own before the main one (two
     * more of {@code otel_traces_trace_id_ts} for the bounds, before). And the services must be an element of a
     * tuple: ClickHouse 26.7 rewrites {@code ServiceName IN x} with {@code x} a bare scalar array into
     * {@code has(x, ServiceName)}, which the primary key cannot use, so the read took every granule of the trace id in
     * the hour (39 for a bench trace of three services; {@code EXPLAIN indexes = 1}) instead of three.
     * The bounds are DateTime64(9) like Timestamp: compared with a DateTime, ClickHouse (26.7) prunes parts by their
     * min/max as if {@code Timestamp < t} were {@code Timestamp <= t - 1s}. {@code ids} is an {@code Array(String)}
     * of validated trace ids.
     */
    private static final String TRACE = """
            WITH (SELECT (groupUniqArrayArray(Services), min(Start), max(EndNanos))
                  FROM """ + " " + Tables.TRACE_SUMMARIES + """

                  WHERE TraceId IN {ids:Array(String)}) AS trace
            """;

    /** Every span of the traces in {@code ids}, with the columns of {@link TraceQueries#SPAN_COLUMNS}. */
    static final String SPANS_OF_TRACES = TRACE + TraceQueries.SPAN_COLUMNS + """
            FROM """ + " " + Tables.TRACES + """

            WHERE TraceId IN {ids:Array(String)}
              AND ServiceName IN trace.1
              AND Timestamp >= trace.2
              AND Timestamp < fromUnixTimestamp64Nano(trace.3 + 1)
            """;
}
