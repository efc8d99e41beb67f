package dev.vigil.query.trace;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.store.schema.Retention;
import dev.vigil.store.schema.SchemaMigrator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The ClickHouse side of the trace tests: the real schema and a known set of spans, stored once per test JVM in the
 * devstack's ClickHouse server.
 */
final class StoredTraces {

    /** Four spans in three services, stored child first; see {@link #store()}. */
    static final String CHECKOUT_TRACE = "5b8efff798038103d269b633813fc60c";
    /** One span in the same second as the checkout trace, which must not leak into it. */
    static final String OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";

    private static final long TIMEOUT_SECONDS = 60;

    private static final int SPAN_COUNT = 5;

    // Every Quarkus start in the test JVM loads this class afresh while the devstack's ClickHouse lives on; a
    // system property survives, so every load stores and expects the same times.
    private static final String ANCHOR_PROPERTY = "vigil.test.traces.anchor";
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private StoredTraces() {
    }

    /**
     * The whole second in which the checkout trace starts: three hours before the test JVM first asked. Relative to
     * the run's clock, so the spans are inside any retention on any date; outside the default one-hour window, so
     * the shop's tests (ShopFixture, the last 20 minutes) never see them.
     */
    static synchronized Instant anchor() {
        String stored = System.getProperty(ANCHOR_PROPERTY);
        if (stored != null) {
            return Instant.parse(stored);
        }
        Instant anchor = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        System.setProperty(ANCHOR_PROPERTY, anchor.toString());
        return anchor;
    }

    /** {@code seconds} and {@code nanos} after {@link #anchor()}, as the API answers times: nine fraction digits. */
    static String at(long seconds, long nanos) {
        return NANOS.format(anchor().plusSeconds(seconds).plusNanos(nanos));
    }

    /**
     * Applies the schema and inserts the known spans unless ClickHouse holds them already: every Quarkus start of
     * the test JVM (one per test profile) loads this class afresh, while the devstack's ClickHouse lives on.
     */
    static synchronized void store() throws Exception {
        String url = ConfigProvider.getConfig().getValue("vigil.clickhouse.url", String.class);
        String database = ConfigProvider.getConfig().getOptionalValue("vigil.clickhouse.database", String.class)
                .orElse("vigil");
        try (Client client = new Client.Builder()
                .addEndpoint(url)
                .setUsername("default")
                .setPassword("")
                .build()) {
            applySchema(client, database);
            long stored = storedSpans(client, database);
            if (stored == SPAN_COUNT) {
                return;
            }
            if (stored != 0) {
                throw new IllegalStateException(stored + " of the " + SPAN_COUNT + " test spans are stored already; "
                        + "a previous run was cut short: start from an empty ClickHouse");
            }
            // Separate inserts, child first: separate parts in otel_traces and several unmerged rows per trace
            // in the lookup table, as a trace arriving over time leaves them.
            insert(client, database, List.of(paymentsCharge()));
            insert(client, database, List.of(frontendRender(), otherTraceSpan()));
            insert(client, database, List.of(frontendPay()));
            insert(client, database, List.of(frontendCheckout()));
        }
    }

    private static long storedSpans(Client client, String database) {
        List<GenericRecord> rows = client.queryAll(
                "SELECT count() AS spans FROM `" + database + "`.otel_traces WHERE TraceId IN ({one:String}, {other:String})",
                Map.of("one", CHECKOUT_TRACE, "other", OTHER_TRACE));
        return rows.getFirst().getLong("spans");
    }

    // The schema production gets, applied by telemetry-store's migrator as the persist stage applies it, so the
    // queries are checked against it. The services' default retentions (vigil.clickhouse.retention.*): the spans are
    // relative to the run's clock and need no longer ones, so these tests pass whichever test class created the
    // tables first.
    private static void applySchema(Client client, String database) {
        SchemaMigrator.of(client, database, new Retention(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30)))
                .migrate();
    }

    private static void insert(Client client, String database, List<Map<String, Object>> rows) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder body = new StringBuilder();
        for (Map<String, Object> row : rows) {
            body.append(json.writeValueAsString(row)).append('\n');
        }
        InsertSettings settings = new InsertSettings()
                .setDatabase(database)
                // The rows spell times as RFC 3339 with 'Z', independent of the server's time zone.
                .serverSetting("date_time_input_format", "best_effort");
        try (InsertResponse ignored = client.insert("otel_traces",
                        new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)),
                        ClickHouseFormat.JSONEachRow, settings)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // Success is all there is to check; failures surface from get().
        }
    }

    private static Map<String, Object> span(String traceId, String spanId, String parentSpanId, String name,
            String kind, String service, String start, long durationNanos, String statusCode, String statusMessage,
            Map<String, String> attributes, String scopeName, String scopeVersion) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Timestamp", start);
        row.put("TraceId", traceId);
        row.put("SpanId", spanId);
        row.put("ParentSpanId", parentSpanId);
        row.put("TraceState", "");
        row.put("SpanName", name);
        row.put("SpanKind", kind);
        row.put("ServiceName", service);
        // Sorted maps: the same rows always make the same bytes (Map.of's order changes from JVM to JVM).
        row.put("ResourceAttributes", new TreeMap<>(Map.of("service.name", service, "k8s.namespace.name", "shop")));
        row.put("ScopeName", scopeName);
        row.put("ScopeVersion", scopeVersion);
        row.put("SpanAttributes", new TreeMap<>(attributes));
        row.put("Duration", durationNanos);
        row.put("StatusCode", statusCode);
        row.put("StatusMessage", statusMessage);
        row.put("Events.Timestamp", List.of());
        row.put("Events.Name", List.of());
        row.put("Events.Attributes", List.of());
        row.put("Links.TraceId", List.of());
        row.put("Links.SpanId", List.of());
        row.put("Links.TraceState", List.of());
        row.put("Links.Attributes", List.of());
        return row;
    }

    private static Map<String, Object> frontendCheckout() {
        Map<String, Object> row = span(CHECKOUT_TRACE, "a1a1a1a1a1a1a1a1", "", "GET /checkout", "Server", "frontend",
                at(0, 123456789), 1_900_000_000L, "Ok", "",
                Map.of("http.request.method", "GET", "http.route", "/checkout"), "io.opentelemetry.tomcat", "2.10.0");
        row.put("Events.Timestamp", List.of(at(0, 223456789)));
        row.put("Events.Name", List.of("cart loaded"));
        row.put("Events.Attributes", List.of(Map.of("cart.items", "3")));
        return row;
    }

    private static Map<String, Object> frontendPay() {
        Map<String, Object> row = span(CHECKOUT_TRACE, "b2b2b2b2b2b2b2b2", "a1a1a1a1a1a1a1a1", "POST /pay", "Client",
                "frontend", at(0, 200000001), 900_000_000L, "Unset", "",
                Map.of("server.address", "payments"), "io.opentelemetry.java-http-client", "2.10.0");
        row.put("Links.TraceId", List.of(OTHER_TRACE));
        row.put("Links.SpanId", List.of("e5e5e5e5e5e5e5e5"));
        row.put("Links.TraceState", List.of("rojo=00f067aa0ba902b7"));
        row.put("Links.Attributes", List.of(Map.of("link.reason", "retry of")));
        return row;
    }

    // Its host's clock runs behind: it starts 2 ns before its parent b2b2…, yet must be answered after it.
    private static Map<String, Object> paymentsCharge() {
        Map<String, Object> row = span(CHECKOUT_TRACE, "c3c3c3c3c3c3c3c3", "b2b2b2b2b2b2b2b2", "charge", "Server",
                "payments", at(0, 199999999), 700_000_000L, "Error", "card declined",
                Map.of("payment.amount", "42.00"), "dev.payments", "");
        row.put("Events.Timestamp", List.of(at(0, 300000000), at(0, 400000007)));
        row.put("Events.Name", List.of("exception", "retry"));
        row.put("Events.Attributes", List.of(Map.of("exception.type", "CardDeclined"), Map.of()));
        return row;
    }

    // The trace's latest start, late in the second after the first one: the lookup table keeps it as 10:15:31,
    // so it is only found if the read reaches to the end of that second.
    private static Map<String, Object> frontendRender() {
        return span(CHECKOUT_TRACE, "d4d4d4d4d4d4d4d4", "a1a1a1a1a1a1a1a1", "render", "Internal", "frontend",
                at(1, 987654321), 5_000L, "Unset", "", Map.of(), "io.opentelemetry.tomcat", "2.10.0");
    }

    private static Map<String, Object> otherTraceSpan() {
        return span(OTHER_TRACE, "e5e5e5e5e5e5e5e5", "", "GET /checkout", "Server", "frontend",
                at(0, 500000000), 1_000L, "Ok", "", Map.of(), "io.opentelemetry.tomcat", "2.10.0");
    }
}
