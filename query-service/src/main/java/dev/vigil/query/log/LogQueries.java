package dev.vigil.query.log;

import dev.vigil.store.schema.Tables;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The SQL of the logs API over {@code otel_logs} (exporter schema) and {@code vigil_access_logs} (V0004). The
 * statement text is assembled only from the constants below, chosen by which filters are present; every value
 * travels as a server-side parameter. Pages are newest first; RowKey, a hash of the record, orders records of the
 * same nanosecond so that a cursor (time, key) resumes exactly after the last record of a page.
 */
final class LogQueries {

    private LogQueries() {
    }

    record Statement(String sql, Map<String, Object> parameters) {
    }

    /** The filters of a page; a null or empty filter is absent. */
    record Filters(long fromNanos, long toNanos, Map<String, String> equal, Map<String, String> spanAttributes,
            Map<String, String> resourceAttributes, Integer minSeverity, String text, Integer codeFrom,
            Integer codeTo, Long afterNanos, Long afterKey, int limit) {

        /** The same filters over [{@code from}, {@code to}) for at most {@code limit} rows. */
        Filters window(long from, long to, int rows) {
            return new Filters(from, to, equal, spanAttributes, resourceAttributes, minSeverity, text, codeFrom, codeTo,
                    afterNanos, afterKey, rows);
        }
    }

    private static final String LOGS_HEAD = """
            SELECT * FROM (
                SELECT
                    toInt64(toUnixTimestamp64Nano(Timestamp)) AS TimeNanos,
                    reinterpretAsInt64(cityHash64(TraceId, SpanId, ServiceName, SeverityNumber, Body)) AS RowKey,
                    TraceId, SpanId, SeverityText, toInt32(SeverityNumber) AS Severity, ServiceName, Body,
                    LogAttributes AS Attributes, ResourceAttributes, ScopeName
                FROM """ + " " + Tables.LOGS + """

                WHERE Timestamp >= fromUnixTimestamp64Nano({fromNanos:Int64})
                  AND Timestamp < fromUnixTimestamp64Nano({toNanos:Int64})
            """;

    private static final String ACCESS_HEAD = """
            SELECT * FROM (
                SELECT
                    toInt64(toUnixTimestamp64Nano(Timestamp)) AS TimeNanos,
                    reinterpretAsInt64(cityHash64(TraceId, SpanId, ServiceName, SourceWorkload, DestinationWorkload, Path,
                               ResponseCode, Duration)) AS RowKey,
                    TraceId, SpanId, ServiceName, SourceWorkload, SourceNamespace, DestinationWorkload,
                    DestinationNamespace, toInt32(ResponseCode) AS Code, Method, Path, toInt64(Duration) AS DurationNanos,
                    Attributes
                FROM """ + " " + Tables.ACCESS_LOGS + """

                WHERE Timestamp >= fromUnixTimestamp64Nano({fromNanos:Int64})
                  AND Timestamp < fromUnixTimestamp64Nano({toNanos:Int64})
            """;

    // %s is only ever a column name from the fixed maps in LogStore; %d an index; never input.
    private static final String EQUAL = "      AND %s = {eq%d:String}\n";
    private static final String LOG_ATTRIBUTE = "      AND LogAttributes[{attrKey%1$d:String}] = {attrValue%1$d:String}\n";
    private static final String ACCESS_ATTRIBUTE = "      AND Attributes[{attrKey%1$d:String}] = {attrValue%1$d:String}\n";
    private static final String RESOURCE_ATTRIBUTE =
            "      AND ResourceAttributes[{attrKey%1$d:String}] = {attrValue%1$d:String}\n";
    private static final String SEVERITY = "      AND SeverityNumber >= {minSeverity:UInt8}\n";
    private static final String TEXT = "      AND positionCaseInsensitiveUTF8(Body, {text:String}) > 0\n";
    /**
     * The same test in a form the 6-gram index on lower(Body) (V0017) can use, added for ASCII text only: there both
     * tests agree (lower folds exactly the ASCII letters, and positionCaseInsensitiveUTF8 folds no other character
     * onto one), so it narrows the granules read without changing what matches. Shorter text than a 6-gram simply
     * reads every granule.
     */
    private static final String TEXT_INDEXED = "      AND lower(Body) LIKE {textPattern:String}\n";
    private static final String CODES = "      AND ResponseCode BETWEEN {codeFrom:UInt16} AND {codeTo:UInt16}\n";
    private static final String BEFORE = "      AND Timestamp <= fromUnixTimestamp64Nano({afterNanos:Int64})\n";
    private static final String TAIL = ")\n";
    private static final String AFTER = "WHERE (TimeNanos, RowKey) < ({afterNanos:Int64}, {afterKey:Int64})\n";
    private static final String ORDER = "ORDER BY TimeNanos DESC, RowKey DESC\nLIMIT {limit:UInt32}\n";

    static Statement logs(Filters filters) {
        return build(LOGS_HEAD, LOG_ATTRIBUTE, filters);
    }

    static Statement accessLogs(Filters filters) {
        return build(ACCESS_HEAD, ACCESS_ATTRIBUTE, filters);
    }

    /**
     * Log records per bucket of {@code step} seconds (counted from {@code fromSecond}) and severity class: 0 unset,
     * then 1 TRACE (severity numbers 1-4), 2 DEBUG (5-8), 3 INFO (9-12), 4 WARN (13-16), 5 ERROR (17-20), 6 FATAL
     * (21-24; larger numbers count as FATAL too). Only buckets and classes with records have rows.
     */
    private static final String VOLUME_HEAD = """
            SELECT
                toInt64({fromSecond:Int64}) + intDiv(toInt64(toUnixTimestamp(Timestamp)) - {fromSecond:Int64},
                                                     {step:UInt32}) * {step:UInt32} AS Bucket,
                toUInt8(least(intDiv(toUInt16(SeverityNumber) + 3, 4), 6)) AS Class,
                toInt64(count()) AS Records
            FROM """ + " " + Tables.LOGS + """

            WHERE Timestamp >= fromUnixTimestamp64Nano({fromNanos:Int64})
              AND Timestamp < fromUnixTimestamp64Nano({toNanos:Int64})
            """;
    private static final String VOLUME_TAIL = "GROUP BY Bucket, Class\nORDER BY Bucket, Class\n";

    /**
     * The volume of the records {@code filters} select (its page fields unused), per bucket and severity class.
     * Columns: Bucket (Unix seconds), Class (0 to 6), Records.
     */
    static Statement volume(Filters filters, long fromSecond, long step) {
        StringBuilder sql = new StringBuilder(VOLUME_HEAD);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("fromSecond", fromSecond);
        parameters.put("step", step);
        where(sql, parameters, LOG_ATTRIBUTE, filters);
        sql.append(VOLUME_TAIL);
        return new Statement(sql.toString(), parameters);
    }

    private static Statement build(String head, String attributeTemplate, Filters f) {
        StringBuilder sql = new StringBuilder(head);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("limit", f.limit());
        where(sql, parameters, attributeTemplate, f);
        if (f.afterNanos() != null) {
            sql.append(BEFORE);
        }
        sql.append(TAIL);
        if (f.afterNanos() != null) {
            sql.append(AFTER);
            parameters.put("afterNanos", f.afterNanos());
            parameters.put("afterKey", f.afterKey());
        }
        sql.append(ORDER);
        return new Statement(sql.toString(), parameters);
    }

    /** Appends the conditions of every present filter, after a head that ends inside its WHERE clause. */
    private static void where(StringBuilder sql, Map<String, Object> parameters, String attributeTemplate, Filters f) {
        parameters.put("fromNanos", f.fromNanos());
        parameters.put("toNanos", f.toNanos());
        int i = 0;
        for (Map.Entry<String, String> e : f.equal().entrySet()) {
            sql.append(String.format(EQUAL, e.getKey(), i));
            parameters.put("eq" + i, e.getValue());
            i++;
        }
        i = 0;
        for (Map.Entry<String, String> e : f.spanAttributes().entrySet()) {
            sql.append(String.format(attributeTemplate, i));
            parameters.put("attrKey" + i, e.getKey());
            parameters.put("attrValue" + i, e.getValue());
            i++;
        }
        for (Map.Entry<String, String> e : f.resourceAttributes().entrySet()) {
            sql.append(String.format(RESOURCE_ATTRIBUTE, i));
            parameters.put("attrKey" + i, e.getKey());
            parameters.put("attrValue" + i, e.getValue());
            i++;
        }
        if (f.minSeverity() != null) {
            sql.append(SEVERITY);
            parameters.put("minSeverity", f.minSeverity());
        }
        if (f.text() != null) {
            if (isAscii(f.text())) {
                sql.append(TEXT_INDEXED);
                parameters.put("textPattern", "%" + escapeLike(f.text().toLowerCase(Locale.ROOT)) + "%");
            }
            sql.append(TEXT);
            parameters.put("text", f.text());
        }
        if (f.codeFrom() != null) {
            sql.append(CODES);
            parameters.put("codeFrom", f.codeFrom());
            parameters.put("codeTo", f.codeTo());
        }
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** LIKE's wildcards and its escape character, taken literally. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
