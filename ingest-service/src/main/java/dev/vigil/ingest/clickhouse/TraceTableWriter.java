package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/**
 * Inserts span rows into {@code otel_traces}, one INSERT per call, in RowBinary.
 *
 * <p>{@link #insert} returns only once ClickHouse confirmed the insert: when it returns normally the
 * rows are stored, and a caller may commit whatever it read them from. Calls that carry the same
 * deduplication token store the rows once, because ClickHouse remembers the last
 * {@code non_replicated_deduplication_window} tokens of the table; that is what makes a replay of the
 * same Kafka batch harmless. On failure it throws, and {@link ClickHouseErrors#isPermanent} tells
 * whether trying the same rows again can succeed. See {@link TableInsert}.
 */
@Singleton
public final class TraceTableWriter {
    /** Explicit, so columns a later migration adds with a default do not break the insert. */
    static final List<String> COLUMNS = List.of(
            "Timestamp", "TraceId", "SpanId", "ParentSpanId", "TraceState", "SpanName", "SpanKind",
            "ServiceName", "ResourceAttributes", "ScopeName", "ScopeVersion", "SpanAttributes", "Duration",
            "StatusCode", "StatusMessage",
            "`Events.Timestamp`", "`Events.Name`", "`Events.Attributes`",
            "`Links.TraceId`", "`Links.SpanId`", "`Links.TraceState`", "`Links.Attributes`");

    private final Client client;
    private final String table;

    @Inject
    TraceTableWriter(Client client, ClickHouseConfig config) {
        this(client, TableInsert.qualified(config, "otel_traces"));
    }

    private TraceTableWriter(Client client, String table) {
        this.client = client;
        this.table = table;
    }

    /**
     * A writer into {@code otel_traces} of another database, outside the application: the ingest
     * benchmark's baseline inserts the same rows straight into a copy of the table with it.
     */
    public static TraceTableWriter into(Client client, String database) {
        if (!SqlScript.isPlainIdentifier(database)) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        return new TraceTableWriter(client, "`" + database + "`.otel_traces");
    }

    /**
     * Stores the rows, or nothing when ClickHouse already stored a batch under this token.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting for ClickHouse
     * @throws ClickHouseInsertException when ClickHouse refused the insert, did not answer in time, or
     *         could not be reached
     */
    public void insert(List<SpanRow> rows, String deduplicationToken) throws InterruptedException {
        if (rows.isEmpty()) {
            return;
        }
        TableInsert.run(client, table, COLUMNS, out -> write(rows, out), deduplicationToken);
    }

    static void write(List<SpanRow> rows, RowBinaryOutput out) throws IOException {
        for (SpanRow row : rows) {
            out.int64(row.timestampNanos());
            out.string(row.traceId());
            out.string(row.spanId());
            out.string(row.parentSpanId());
            out.string(row.traceState());
            out.string(row.spanName());
            out.string(row.spanKind());
            out.string(row.serviceName());
            out.map(row.resourceAttributes());
            out.string(row.scopeName());
            out.string(row.scopeVersion());
            out.map(row.spanAttributes());
            out.int64(row.durationNanos());
            out.string(row.statusCode());
            out.string(row.statusMessage());

            List<SpanRow.Event> events = row.events();
            out.varUInt(events.size());
            for (SpanRow.Event event : events) {
                out.int64(event.timestampNanos());
            }
            out.varUInt(events.size());
            for (SpanRow.Event event : events) {
                out.string(event.name());
            }
            out.varUInt(events.size());
            for (SpanRow.Event event : events) {
                out.map(event.attributes());
            }

            List<SpanRow.Link> links = row.links();
            out.varUInt(links.size());
            for (SpanRow.Link link : links) {
                out.string(link.traceId());
            }
            out.varUInt(links.size());
            for (SpanRow.Link link : links) {
                out.string(link.spanId());
            }
            out.varUInt(links.size());
            for (SpanRow.Link link : links) {
                out.string(link.traceState());
            }
            out.varUInt(links.size());
            for (SpanRow.Link link : links) {
                out.map(link.attributes());
            }
        }
    }
}
