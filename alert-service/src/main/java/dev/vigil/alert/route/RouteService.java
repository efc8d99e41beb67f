package dev.vigil.alert.route;

import dev.vigil.alert.audit.AuditLog;
import dev.vigil.alert.postgres.Constraints;
import dev.vigil.alert.postgres.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.vigil.alert.postgres.Transactions.instant;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/** The {@code route} table: reads and changes routes, each change one transaction. */
@ApplicationScoped
public class RouteService {

    private static final String COLUMNS = "id, name, channel_id, matchers, group_by, group_wait_seconds, "
            + "group_interval_seconds, repeat_interval_seconds, created_at, updated_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM route ORDER BY name";
    private static final String FIND = "SELECT " + COLUMNS + " FROM route WHERE id = $1";
    private static final String INSERT = """
            INSERT INTO route (name, channel_id, matchers, group_by, group_wait_seconds, group_interval_seconds,
                repeat_interval_seconds, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
            RETURNING\s""" + COLUMNS;
    private static final String UPDATE = """
            UPDATE route SET name = $1, channel_id = $2, matchers = $3, group_by = $4, group_wait_seconds = $5,
                group_interval_seconds = $6, repeat_interval_seconds = $7, updated_at = $8
            WHERE id = $9
            RETURNING\s""" + COLUMNS;
    private static final String DELETE = "DELETE FROM route WHERE id = $1 RETURNING name";
    private static final String KIND = "route";
    private static final String CHANNEL_EXISTS = "SELECT 1 FROM channel WHERE id = $1";

    private final Pool database;
    private final AuditLog audit;

    RouteService(Pool database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    public Uni<List<Route>> list() {
        return list(database);
    }

    /** All routes, ordered by name, read through {@code client}: the pool, or a transaction's connection. */
    public Uni<List<Route>> list(SqlClient client) {
        return client.query(LIST).execute().map(rows -> Rows.all(rows, RouteService::read));
    }

    public Uni<Route> find(long id) {
        return database.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> Rows.first(rows, RouteService::read));
    }

    public Uni<Route> create(RouteDefinition definition) {
        String actor = audit.actor();
        return database.withTransaction(c -> requireChannel(c, definition)
                        .chain(() -> c.preparedQuery(INSERT).execute(Tuple.from(columns(definition))))
                        .map(rows -> Rows.first(rows, RouteService::read))
                        .call(created -> audit.record(c, actor, AuditLog.CREATE, KIND, created.id(), definition.name(),
                                summary(definition))))
                .onFailure().transform(RouteService::conflict);
    }

    /** The updated route, or a {@code null} item when there is none. */
    public Uni<Route> update(long id, RouteDefinition definition) {
        List<Object> parameters = columns(definition);
        parameters.add(id);
        String actor = audit.actor();
        return database.withTransaction(c -> requireChannel(c, definition)
                        .chain(() -> c.preparedQuery(UPDATE).execute(Tuple.from(parameters)))
                        .map(rows -> Rows.first(rows, RouteService::read))
                        .call(updated -> updated == null ? Uni.createFrom().voidItem() : audit.record(c, actor,
                                AuditLog.UPDATE, KIND, id, definition.name(), summary(definition))))
                .onFailure().transform(RouteService::conflict);
    }

    public Uni<Boolean> delete(long id) {
        String actor = audit.actor();
        return database.withTransaction(c -> c.preparedQuery(DELETE).execute(Tuple.of(id))
                .call(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem() : audit.record(c, actor,
                        AuditLog.DELETE, KIND, id, rows.iterator().next().getString("name"), Map.of()))
                .map(rows -> rows.rowCount() > 0));
    }

    /** What a change set, for the audit log. */
    private static Map<String, Object> summary(RouteDefinition d) {
        return Map.of("name", d.name(), "channelId", d.channelId(),
                "matchers", d.matchers().stream().map(Matcher::toString).toList(), "groupBy", d.groupBy(),
                "groupWaitSeconds", d.groupWait().getSeconds(), "groupIntervalSeconds", d.groupInterval().getSeconds(),
                "repeatIntervalSeconds", d.repeatInterval().getSeconds());
    }

    private static Uni<Void> requireChannel(SqlConnection c, RouteDefinition definition) {
        return c.preparedQuery(CHANNEL_EXISTS).execute(Tuple.of(definition.channelId()))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new UnknownReferenceException("channelId", "no channel with id " + definition.channelId());
                    }
                })
                .replaceWithVoid();
    }

    private static Route read(Row row) {
        return new Route(row.getLong("id"), new RouteDefinition(row.getString("name"), row.getLong("channel_id"),
                Arrays.stream(row.getArrayOfStrings("matchers")).map(Matcher::parse).toList(),
                List.of(row.getArrayOfStrings("group_by")), Duration.ofSeconds(row.getInteger("group_wait_seconds")),
                Duration.ofSeconds(row.getInteger("group_interval_seconds")),
                Duration.ofSeconds(row.getInteger("repeat_interval_seconds"))),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")));
    }

    /** The parameters of {@link #INSERT} and the first of {@link #UPDATE}. */
    private static List<Object> columns(RouteDefinition d) {
        return new ArrayList<>(Arrays.asList(d.name(), d.channelId(),
                d.matchers().stream().map(Matcher::toString).toArray(String[]::new), d.groupBy().toArray(String[]::new),
                (int) d.groupWait().getSeconds(), (int) d.groupInterval().getSeconds(),
                (int) d.repeatInterval().getSeconds(), timestamp(Instant.now().truncatedTo(ChronoUnit.MICROS))));
    }

    private static Throwable conflict(Throwable failure) {
        return Constraints.violated(failure).<Throwable>map(constraint -> "route_name_key".equals(constraint)
                ? new ConflictException("name", "a route with this name already exists")
                : failure).orElse(failure);
    }
}
