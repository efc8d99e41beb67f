package dev.vigil.bench.ingest;

import dev.vigil.store.schema.Tables;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bytes on disk per span for every table a span lands in ({@link Tables#SPAN_TABLES}), as docs/performance.md's
 * storage section measures them: each table merged with {@code OPTIMIZE TABLE … FINAL} first, then its active parts'
 * bytes divided by the spans in {@code otel_traces}, so the figures add up.
 */
public final class SpanStorage {
    private SpanStorage() {
    }

    /** Bytes per span of each span table, in {@link Tables#SPAN_TABLES}' order. */
    public static Map<String, Double> bytesPerSpan(ClickHouseFigures ch, String database) {
        for (String table : Tables.SPAN_TABLES) {
            ch.execute("OPTIMIZE TABLE `" + database + "`.`" + table + "` FINAL");
        }
        long spans = ch.count("SELECT count() AS n FROM `" + database + "`.`" + Tables.TRACES + "`");
        Map<String, Double> out = new LinkedHashMap<>();
        for (String table : Tables.SPAN_TABLES) {
            out.put(table, (double) ch.bytesOnDisk(database, table) / spans);
        }
        return out;
    }
}
