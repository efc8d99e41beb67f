package dev.vigil.alert.route;

import dev.vigil.alert.audit.AuditLog;
import dev.vigil.alert.postgres.Constraints;
import dev.vigil.alert.postgres.Rows;
import dev.vigil.alert.secret.SecretBox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.vigil.alert.postgres.Transactions.instant;
import static dev.vigil.alert.postgres.Transactions.json;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/**
 * The {@code channel} table: reads and changes notification channels, each change one statement and its audit entry in
 * one transaction. Secrets are stored sealed by {@link SecretBox} and opened when read: a {@link Channel} holds the
 * plaintext secret, or {@code null} when it cannot be opened with the configured keys.
 */
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
    private static final String DELETE = "DELETE FROM channel WHERE id = $1 RETURNING name, type";
    private static final String KIND = "channel";

    private final Pool database;
    private final SecretBox secrets;
    private final AuditLog audit;

    ChannelService(Pool database, SecretBox secrets, AuditLog audit) {
        this.database = database;
        this.secrets = secrets;
        this.audit = audit;
    }

    public Uni<List<Channel>> list() {
        return database.query(LIST).execute().map(rows -> Rows.all(rows, this::read));
    }

    /** The channel, or a {@code null} item. */
    public Uni<Channel> find(long id) {
        return database.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> Rows.first(rows, this::read));
    }

    /** Fails with {@link IllegalArgumentException} when a new channel has no secret. */
    public Uni<Channel> create(ChannelDefinition definition) {
        if (definition.secret() == null) {
            throw new IllegalArgumentException("a new channel needs its secret");
        }
        String actor = audit.actor();
        String sealed = secrets.seal(definition.secret());
        return database.withTransaction(c -> c.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(definition.name(),
                                definition.type().id(), json(definition.settings()), sealed, timestamp(now()))))
                        .map(rows -> Rows.first(rows, this::read))
                        .call(created -> audit.record(c, actor, AuditLog.CREATE, KIND, created.id(), created.name(),
                                summary(definition))))
                .onFailure().transform(ChannelService::conflict);
    }

    /**
     * The updated channel, or a {@code null} item when there is none. Fails with {@link SecretRequiredException}
     * when the update changes the type or settings without sending the secret again.
     */
    public Uni<Channel> update(long id, ChannelDefinition definition) {
        String actor = audit.actor();
        String sealed = definition.secret() == null ? null : secrets.seal(definition.secret());
        return database.withTransaction(c -> c.preparedQuery(UPDATE).execute(Tuple.from(Arrays.asList(definition.name(),
                                definition.type().id(), json(definition.settings()), sealed, timestamp(now()), id)))
                        .map(rows -> Rows.first(rows, this::read))
                        .call(updated -> updated == null ? Uni.createFrom().voidItem() : audit.record(c, actor,
                                AuditLog.UPDATE, KIND, id, updated.name(), summary(definition))))
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
        String actor = audit.actor();
        return database.withTransaction(c -> c.preparedQuery(DELETE).execute(Tuple.of(id))
                        .call(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem() : audit.record(c, actor,
                                AuditLog.DELETE, KIND, id, rows.iterator().next().getString("name"),
                                Map.of("type", rows.iterator().next().getString("type"))))
                        .map(rows -> rows.rowCount() > 0))
                .onFailure().transform(ChannelService::conflict);
    }

    /** What a change set, for the audit log: whether a new secret was given, never the secret. */
    private static Map<String, Object> summary(ChannelDefinition definition) {
        return Map.of("name", definition.name(), "type", definition.type().id(), "settings", definition.settings(),
                "secretChanged", definition.secret() != null);
    }

    private Channel read(Row row) {
        String type = row.getString("type");
        return new Channel(row.getLong("id"), row.getString("name"), ChannelType.byId(type).orElseThrow(
                () -> new IllegalArgumentException("channel.type holds '" + type + "', which this version does not know")),
                row.getJsonObject("settings").getMap(), open(row.getString("secret")),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")));
    }

    /** The secret, or {@code null} when the configured keys cannot open it; deliveries then fail and say why. */
    private String open(String stored) {
        try {
            return secrets.open(stored);
        } catch (IllegalArgumentException e) {
            return null;
        }
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
