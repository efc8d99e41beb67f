package dev.vigil.query.trace;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.query.ShopFixture;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    // The persist stage (ingest-service) owns the schema and applies these files at its start-up; the tests read
    // the very same files so that the queries are checked against the schema production gets.
    private static final Path MIGRATIONS = Path.of("../ingest-service/src/main/resources/clickhouse");
    private static final Pattern MIGRATION_FILE = Pattern.compile("V(\\d{4})__[a-z0-9_]+\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");
    private static final long TIMEOUT_SECONDS = 60;

    private static final int SPAN_COUNT = 5;
    private static final Pattern RELATIVE_TIME = Pattern.compile("\"@(\\d\\d\\.\\d{9})\"");

    private StoredTraces() {
    }

    /**
     * The whole minute the spans are stored in: six hours before the shop scenario of the same test JVM, so on the
     * run's clock (well within any retention) and outside every window the shop's tests read (the widest reaches
     * three hours back).
     */
    static Instant minute() {
        return ShopFixture.start().minus(Duration.ofHours(6));
    }

    /** {@code seconds} (e.g. {@code "30.123456789"}) into {@link #minute()}, RFC 3339 with nine fraction digits. */
    static String at(String seconds) {
        return Timestamps.fromUnixNanos(ShopFixture.nanos(minute()) + new BigDecimal(seconds).movePointRight(9)
                .longValueExact());
    }

    /** {@code json} with every {@code "@SS.fffffffff"} replaced by {@link #at} of it, quoted. */
    static String times(String json) {
        return RELATIVE_TIME.matcher(json).replaceAll(m -> Matcher.quoteReplacement("\"" + at(m.group(1)) + "\""));
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

    private static void applySchema(Client client, String database) throws Exception {
        execute(client, "CREATE DATABASE IF NOT EXISTS `" + database + "`");
        List<Path> files;
        try (Stream<Path> listing = Files.list(MIGRATIONS)) {
            files = listing.filter(f -> MIGRATION_FILE.matcher(f.getFileName().toString()).matches())
                    .sorted() // V0001__ < V0002__: zero-padded versions sort by name
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no migrations in " + MIGRATIONS.toAbsolutePath());
        }
        // The spans below are hours old: the production retention keeps them. The tables may exist already, made by
        // the packaged ingest-service (ShopFixture) with that same retention.
        Map<String, String> placeholders = Map.of("database", database, "retention.traces", "toIntervalDay(7)",
                "retention.logs", "toIntervalDay(7)", "retention.metrics", "toIntervalDay(30)");
        for (Path file : files) {
            // ClickHouse's HTTP interface runs one statement per request.
            for (String statement : statements(render(Files.readString(file), placeholders))) {
                execute(client, statement);
            }
        }
    }

    private static String render(String sql, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the tests have no value for migration placeholder ${" + m.group(1)
                        + "}; add one to StoredTraces");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    // The migrations use ';' only to end statements and '--' only to start comments; should one ever contain them
    // in a literal, ClickHouse rejects the cut statement and the tests fail loudly.
    private static List<String> statements(String sql) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            withoutComments.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String statement : withoutComments.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    private static void execute(Client client, String sql) throws Exception {
        try (CommandResponse ignored = client.execute(sql).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // DDL answers nothing to read; a failure surfaces from get().
        }
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
                at("30.123456789"), 1_900_000_000L, "Ok", "",
                Map.of("http.request.method", "GET", "http.route", "/checkout"), "io.opentelemetry.tomcat", "2.10.0");
        row.put("Events.Timestamp", List.of(at("30.223456789")));
        row.put("Events.Name", List.of("cart loaded"));
        row.put("Events.Attributes", List.of(Map.of("cart.items", "3")));
        return row;
    }

    private static Map<String, Object> frontendPay() {
        Map<String, Object> row = span(CHECKOUT_TRACE, "b2b2b2b2b2b2b2b2", "a1a1a1a1a1a1a1a1", "POST /pay", "Client",
                "frontend", at("30.200000001"), 900_000_000L, "Unset", "",
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
                "payments", at("30.199999999"), 700_000_000L, "Error", "card declined",
                Map.of("payment.amount", "42.00"), "dev.payments", "");
        row.put("Events.Timestamp", List.of(at("30.300000000"), at("30.400000007")));
        row.put("Events.Name", List.of("exception", "retry"));
        row.put("Events.Attributes", List.of(Map.of("exception.type", "CardDeclined"), Map.of()));
        return row;
    }

    // The trace's latest start, late in the second after the first one: the lookup table keeps it as second 31,
    // so it is only found if the read reaches to the end of that second.
    private static Map<String, Object> frontendRender() {
        return span(CHECKOUT_TRACE, "d4d4d4d4d4d4d4d4", "a1a1a1a1a1a1a1a1", "render", "Internal", "frontend",
                at("31.987654321"), 5_000L, "Unset", "", Map.of(), "io.opentelemetry.tomcat", "2.10.0");
    }

    private static Map<String, Object> otherTraceSpan() {
        return span(OTHER_TRACE, "e5e5e5e5e5e5e5e5", "", "GET /checkout", "Server", "frontend",
                at("30.500000000"), 1_000L, "Ok", "", Map.of(), "io.opentelemetry.tomcat", "2.10.0");
    }
}
