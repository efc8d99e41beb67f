package dev.vigil.alert.api;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The delivery log: notifications of a channel and every attempt to deliver them. Never shows a secret. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
public final class NotificationResource {

    private static final String NOTIFICATIONS = """
            SELECT n.id, n.idempotency_key, n.channel_id, n.status, n.attempts, n.created_at, n.finished_at,
                   n.last_error, n.message->>'status' AS notified_status, n.message->>'groupKey' AS group_key,
                   a.attempt, a.at, a.outcome, a.http_status, a.error, a.duration_ms
            FROM notification n LEFT JOIN delivery_attempt a ON a.notification_id = n.id
            WHERE n.channel_id = $1
            ORDER BY n.id, a.attempt
            """;

    private final Pool database;

    NotificationResource(Pool database) {
        this.database = database;
    }

    /** One attempt to deliver: {@code delivered}, {@code retryable} or {@code failed}. */
    public record AttemptView(int attempt, Instant at, String outcome, Integer httpStatus, String error,
                              long durationMs) {
    }

    /**
     * @param status         {@code pending} (retried until the channel accepts it), {@code sending}, {@code delivered},
     *                       {@code failed} (the channel refused it for good: a 4xx other than 429) or
     *                       {@code superseded} (a newer notification of the group says what it said, and more)
     * @param notifiedStatus what the notification said: {@code firing} or {@code resolved}
     */
    public record NotificationView(long id, String idempotencyKey, long channelId, String groupKey,
                                   String notifiedStatus, String status, int attempts, Instant createdAt,
                                   Instant finishedAt, String lastError, List<AttemptView> deliveryAttempts) {
    }

    @GET
    @Operation(summary = "Notifications to one channel, oldest first, with every delivery attempt")
    public Uni<List<NotificationView>> list(@RestQuery Long channelId) {
        if (channelId == null) {
            return Uni.createFrom().failure(new InvalidRequestException(List.of(new FieldError("channelId", "is required"))));
        }
        return database.preparedQuery(NOTIFICATIONS).execute(Tuple.of(channelId)).map(rows -> {
            Map<Long, NotificationView> byId = new LinkedHashMap<>();
            for (Row row : rows) {
                NotificationView n = byId.computeIfAbsent(row.getLong("id"), id -> new NotificationView(id,
                        row.getString("idempotency_key"), row.getLong("channel_id"), row.getString("group_key"),
                        row.getString("notified_status"), row.getString("status"), row.getInteger("attempts"),
                        instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("finished_at")),
                        row.getString("last_error"), new ArrayList<>()));
                if (row.getInteger("attempt") != null) {
                    n.deliveryAttempts().add(new AttemptView(row.getInteger("attempt"),
                            instant(row.getOffsetDateTime("at")), row.getString("outcome"), row.getInteger("http_status"),
                            row.getString("error"), row.getLong("duration_ms")));
                }
            }
            return List.copyOf(byId.values());
        });
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
