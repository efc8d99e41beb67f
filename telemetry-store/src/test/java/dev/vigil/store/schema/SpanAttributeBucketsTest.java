package dev.vigil.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V0018 stores SpanAttributes in buckets, key by key, once parts are merged. Spans whose attributes differ in number,
 * keys and order are stored in three inserts and merged into one part; every way a reader takes them back out (the
 * whole map, one key, a filter on a key, a page of a sorted search, a few rows out of a granule) must give what was
 * written, keys in their order included.
 */
class SpanAttributeBucketsTest {
    private static final int SPANS = 6_000;
    private static final String[] KEYS = {"http.request.method", "http.route", "url.path", "server.address",
        "client.address", "enduser.id", "session.id", "tenant", "db.system", "db.statement", "messaging.system",
        "peer.service", "error.type", "feature.flag", "thread.name", "retry.count", "cache.hit", "region"};
    private static Client client;
    private static String db;
    private static final Map<String, Map<String, String>> WRITTEN = new TreeMap<>();

    @BeforeAll
    static void storeAndMerge() {
        client = TestClickHouse.connect();
        String database = "vigil_buckets_" + UUID.randomUUID().toString().replace("-", "");
        db = "`" + database + "`";
        SchemaMigrator.of(client, database, Retention.everySignal(Duration.ofDays(7))).migrate();
        for (int insert = 0; insert < 3; insert++) {
            StringBuilder values = new StringBuilder();
            for (int i = insert; i < SPANS; i += 3) {
                String spanId = String.format("%016x", i);
                Map<String, String> attributes = attributesOf(i);
                WRITTEN.put(spanId, attributes);
                values.append(values.isEmpty() ? "" : ",").append("(now64(9) - INTERVAL ").append(i % 600)
                        .append(" SECOND, '").append(String.format("%032x", i / 4)).append("', '").append(spanId)
                        .append("', 'op").append(i % 7).append("', 'svc").append(i % 3).append("', ").append(i)
                        .append(", ").append(mapLiteral(attributes)).append(")");
            }
            execute("INSERT INTO " + db + ".otel_traces (Timestamp, TraceId, SpanId, SpanName, ServiceName, Duration,"
                    + " SpanAttributes) VALUES " + values);
        }
        execute("OPTIMIZE TABLE " + db + ".otel_traces FINAL");
    }

    @AfterAll
    static void drop() {
        execute("DROP DATABASE IF EXISTS " + db);
        client.close();
    }

    /** From none to all of the keys, starting at a different key each time, with values unique to the span. */
    private static Map<String, String> attributesOf(int i) {
        Map<String, String> attributes = new LinkedHashMap<>();
        int count = i % (KEYS.length + 1);
        for (int k = 0; k < count; k++) {
            String key = KEYS[(i * 5 + k) % KEYS.length];
            attributes.put(key, key.equals("tenant") ? "tenant-" + (i % 4) : key + "-" + Integer.toHexString(i * 31 + k));
        }
        return attributes;
    }

    private static String mapLiteral(Map<String, String> attributes) {
        return attributes.entrySet().stream().map(e -> "'" + e.getKey() + "', '" + e.getValue() + "'")
                .collect(Collectors.joining(", ", "map(", ")"));
    }

    @Test
    void theMergedPartHoldsTheAttributesInBuckets() {
        // One merged part per day partition: the spans of the last ten minutes fall on two days just after midnight.
        List<GenericRecord> parts = client.queryAll("SELECT partition, toString(substreams) AS s FROM system.parts_columns"
                + " WHERE database = {db:String} AND table = 'otel_traces' AND active AND column = 'SpanAttributes'",
                Map.<String, Object>of("db", db.replace("`", "")));

        assertThat(parts).isNotEmpty();
        assertThat(parts.stream().map(p -> p.getString("partition")).distinct()).hasSameSizeAs(parts);
        assertThat(parts).allSatisfy(p -> assertThat(p.getString("s")).contains("SpanAttributes.buckets_info"));
    }

    @Test
    void everyMapIsReadBackAsWrittenKeysInOrder() {
        Map<String, Map<String, String>> read = attributesBySpan("SELECT SpanId, SpanAttributes.keys AS k,"
                + " SpanAttributes.values AS v FROM " + db + ".otel_traces");

        assertThat(read).hasSize(SPANS);
        read.forEach((span, attributes) ->
                assertThat(List.copyOf(attributes.entrySet())).as(span).isEqualTo(List.copyOf(WRITTEN.get(span).entrySet())));
    }

    @Test
    void oneKeyReadAloneAndAFilterOnAKeyFindWhatWasWritten() {
        List<GenericRecord> rows = client.queryAll("SELECT SpanId, SpanAttributes['session.id'] AS s FROM " + db
                + ".otel_traces WHERE SpanAttributes['tenant'] = 'tenant-1' ORDER BY SpanId");

        List<String> expected = WRITTEN.entrySet().stream().filter(e -> "tenant-1".equals(e.getValue().get("tenant")))
                .map(e -> e.getKey() + "=" + e.getValue().getOrDefault("session.id", "")).toList();
        assertThat(rows.stream().map(r -> r.getString("SpanId") + "=" + r.getString("s")).toList())
                .isNotEmpty().isEqualTo(expected);
    }

    @Test
    void aPageOfASortedSearchAndRowsPickedOutOfGranulesKeepTheirOwnAttributes() {
        // Sorted pages are read lazily (only the page's rows are read for the map) and a filter on another column keeps
        // a few rows of a granule: both read bucketed maps from inside a granule.
        Map<String, Map<String, String>> page = attributesBySpan("SELECT SpanId, SpanAttributes.keys AS k,"
                + " SpanAttributes.values AS v FROM " + db + ".otel_traces ORDER BY Duration DESC LIMIT 20 OFFSET 100");
        Map<String, Map<String, String>> picked = attributesBySpan("SELECT SpanId, SpanAttributes.keys AS k,"
                + " SpanAttributes.values AS v FROM " + db + ".otel_traces PREWHERE Duration % 97 = 13 WHERE SpanName = 'op2'");

        assertThat(page).hasSize(20);
        assertThat(picked).isNotEmpty();
        for (Map<String, Map<String, String>> read : List.of(page, picked)) {
            read.forEach((span, attributes) -> assertThat(List.copyOf(attributes.entrySet())).as(span)
                    .isEqualTo(List.copyOf(WRITTEN.get(span).entrySet())));
        }
    }

    private static Map<String, Map<String, String>> attributesBySpan(String sql) {
        Map<String, Map<String, String>> read = new TreeMap<>();
        for (GenericRecord r : client.queryAll(sql)) {
            List<String> keys = r.getList("k");
            List<String> values = r.getList("v");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                attributes.put(keys.get(i), values.get(i));
            }
            read.put(r.getString("SpanId"), attributes);
        }
        return read;
    }

    private static void execute(String sql) {
        client.queryAll(sql);
    }
}
