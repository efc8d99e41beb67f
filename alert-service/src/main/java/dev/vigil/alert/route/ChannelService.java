package dev.vigil.alert.route;

import dev.vigil.alert.postgres.Constraints;
import dev.vigil.alert.postgres.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import static dev.vigil.alert.postgres.Transactions.instant;
import static dev.vigil.alert.postgres.Transactions.json;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/** The {@code channel} table: reads and changes notification channels, each change one statement. */
@ApplicationScoped
public class ChannelService {

    private static final String COLUMNS = "id, name, type, settings, secret, created_at, updated_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM channel ORDER BY name";
    private static final String FIND = "SELECT " + COLUMNS + " FROM channel WHERE id = $1";
    private static final String INSERT = """
            INSERT INTO channel (name, type, settings, secret, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
            RETURNING\s""" + COLUMNS;
    // An update without a secret keeps the stored one (clients cannot read it back to resend it) — but only for the
    // same type and settings: a secret is kept only for the destination it was given for, or changing a Slack
    // channel into a PagerDuty one with an events URL of one's own would send the webhook URL there.
    private static final String UPDATE = """
            UPDATE channel SET name = $1, type = $2, settings = $3, secret = COALESCE($4, secret), updated_at = $5
            WHERE id = $6 AND ($4::text IS NOT NULL OR (type = $2 AND settings = $3::jsonb))
            RETURNING\s""" + COLUMNS;
    private static final String DELETE = "DELETE FROM channel WHERE id = $1";

    private final Pool database;

    ChannelService(Pool database) {
        this.database = database;
    }

    public Uni<List<Channel>> list() {
        return database.query(LIST).execute().map(rows -> Rows.all(rows, ChannelService::read));
    }

    /** The channel, or a {@code null} item. */
    public Uni<Channel> find(long id) {
        return database.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> Rows.first(rows, ChannelService::read));
    }

    /** Fails with {@link IllegalArgumentException} when a new channel has no secret. */
    public Uni<Channel> create(ChannelDefinition definition) {
        if (definition.secret() == null) {
            throw new IllegalArgumentException("a new channel needs its secret");
        }
        return database.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(definition.name(),
                        definition.type().id(), json(definition.settings()), definition.secret(), timestamp(now()))))
                .map(rows -> Rows.first(rows, ChannelService::read))
                .onFailure().transform(ChannelService::conflict);
    }

    /**
     * The updated channel, or a {@code null} item when there is none. Fails with {@link SecretRequiredException}
     * when the update changes the type or settings without sending the secret again.
     */
    public Uni<Channel> update(long id, ChannelDefinition definition) {
        return database.preparedQuery(UPDATE).execute(Tuple.from(Arrays.asList(definition.name(),
                        definition.type().id(), json(definition.settings()), definition.secret(), timestamp(now()), id)))
                .map(rows -> Rows.first(rows, ChannelService::read))
                .onFailure().transform(ChannelService::conflict)
                .chain(updated -> updated != null ? Uni.createFrom().item(updated)
                        // Nothing updated: either there is no such channel, or the secret would have changed destination.
                        : find(id).map(existing -> {
                            if (existing != null) {
                                throw new SecretRequiredException(definition.type());
                            }
                            return null;
                        }));
    }

    public Uni<Boolean> delete(long id) {
        return database.preparedQuery(DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0)
                .onFailure().transform(ChannelService::conflict);
    }

    private static Channel read(Row row) {
        String type = row.getString("type");
        return new Channel(row.getLong("id"), row.getString("name"), ChannelType.byId(type).orElseThrow(
                () -> new IllegalArgumentException("channel.type holds '" + type + "', which this version does not know")),
                row.getJsonObject("settings").getMap(), row.getString("secret"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")));
    }

    private static Throwable conflict(Throwable failure) {
        return Constraints.violated(failure).<Throwable>map(constraint -> switch (constraint) {
            case "channel_name_key" -> new ConflictException("name", "a channel with this name already exists");
            case "route_channel_fkey" -> new ConflictException("id", "routes still send to this channel");
            default -> failure;
        }).orElse(failure);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
