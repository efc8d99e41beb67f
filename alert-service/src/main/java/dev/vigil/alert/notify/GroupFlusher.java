package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.postgres.Transactions;
import dev.vigil.alert.route.Silence;
import dev.vigil.alert.route.SilenceDefinition;
import dev.vigil.alert.route.SilenceService;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.vigil.alert.postgres.Transactions.instant;
import static dev.vigil.alert.postgres.Transactions.json;
import static dev.vigil.alert.postgres.Transactions.strings;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/**
 * Looks at alert groups that are due, one per transaction, with the group's row locked ({@code SKIP LOCKED},
 * so replicas share the work and never look at one group together), and records the notification it
 * decides on in the same transaction. Sending is {@link Deliveries}' work.
 */
final class GroupFlusher {

    private static final String DUE_GROUP = """
            SELECT g.id, g.route_id, g.group_key, g.group_labels, g.last_sent_at, g.last_sent_firing,
                   g.delivered_firing, g.notification_count, r.name AS route_name, r.channel_id, r.group_interval_seconds,
                   r.repeat_interval_seconds
            FROM alert_group g JOIN route r ON r.id = g.route_id
            WHERE g.next_flush_at <= now()
            ORDER BY g.next_flush_at
            LIMIT 1
            FOR UPDATE OF g SKIP LOCKED
            """;
    /** The alerts of a rule that was deleted will never be resolved by an event: they count as resolved. */
    private static final String MEMBERS = """
            SELECT m.alert_key, m.rule_id, m.rule_name, m.labels, m.annotations, m.value, m.starts_at,
                   CASE WHEN r.id IS NULL THEN 'resolved' ELSE m.state END AS state,
                   CASE WHEN r.id IS NULL THEN COALESCE(m.ends_at, now()) ELSE m.ends_at END AS ends_at
            FROM alert_group_member m LEFT JOIN alert_rule r ON r.id = m.rule_id
            WHERE m.group_id = $1 ORDER BY m.alert_key
            """;
    private static final String NOTIFICATION = """
            INSERT INTO notification (idempotency_key, group_id, channel_id, message, number) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (idempotency_key) DO NOTHING
            """;
    /**
     * The new notification says everything the channel has not accepted yet: older ones of the group that are not
     * being sent right now are no longer sent. One being sent finishes; if it fails, it is superseded then.
     */
    private static final String SUPERSEDE = """
            UPDATE notification SET status = 'superseded', finished_at = now(), claimed_until = NULL
            WHERE group_id = $1 AND number < $2
              AND (status = 'pending' OR (status = 'sending' AND claimed_until < now()))
            """;
    private static final String AFTER = """
            UPDATE alert_group SET next_flush_at = $2, last_sent_at = $3, last_sent_firing = $4,
                notification_count = $5
            WHERE id = $1
            """;
    /** Resolved members are kept a day so that a late replay of their firing event changes nothing. */
    private static final String PRUNE = """
            DELETE FROM alert_group_member WHERE group_id = $1 AND state = 'resolved' AND event_at < now() - interval '1 day'
            """;

    private final Transactions database;
    private final SilenceService silences;
    private final ObjectMapper json;
    private final String externalUrl;

    GroupFlusher(Transactions database, SilenceService silences, ObjectMapper json, String externalUrl) {
        this.database = database;
        this.silences = silences;
        this.json = json;
        this.externalUrl = externalUrl.replaceAll("/+$", "");
    }

    /** Looks at one due group; {@code false} when none was due. */
    boolean flushOne() throws Exception {
        return database.inTransaction(c -> {
            RowIterator<Row> due = c.query(DUE_GROUP).executeAndAwait().iterator();
            if (!due.hasNext()) {
                return false;
            }
            Row group = due.next();
            flush(c, group, Instant.now());
            return true;
        });
    }

    private void flush(SqlConnection c, Row group, Instant now) throws Exception {
        long groupId = group.getLong("id");
        List<GroupDecision.Member> members = new ArrayList<>();
        for (Row m : c.preparedQuery(MEMBERS).executeAndAwait(Tuple.of(groupId))) {
            long ruleId = m.getLong("rule_id");
            String alertKey = m.getString("alert_key");
            members.add(new GroupDecision.Member(alertKey, m.getString("state"), new NotifiedAlert(m.getString("state"), ruleId,
                    m.getString("rule_name"), alertKey.substring(alertKey.indexOf(':') + 1), m.getDouble("value"),
                    instant(m.getOffsetDateTime("starts_at")), instant(m.getOffsetDateTime("ends_at")),
                    strings(m.getJsonObject("labels")), strings(m.getJsonObject("annotations")),
                    externalUrl + "/api/v1/alerts?ruleId=" + ruleId)));
        }
        List<SilenceDefinition> inForce = silences.inForce(c).await().indefinitely().stream()
                .map(Silence::definition).toList();
        Set<String> lastSentFiring = new TreeSet<>();
        group.getJsonArray("last_sent_firing").forEach(k -> lastSentFiring.add(String.valueOf(k)));
        Set<String> deliveredFiring = new TreeSet<>();
        group.getJsonArray("delivered_firing").forEach(k -> deliveredFiring.add(String.valueOf(k)));
        Instant lastSentAt = instant(group.getOffsetDateTime("last_sent_at"));

        GroupDecision.Decision decision = GroupDecision.decide(members,
                alert -> inForce.stream().anyMatch(s -> s.silences(alert.labels(), now)), lastSentFiring,
                deliveredFiring, lastSentAt, Duration.ofSeconds(group.getInteger("group_interval_seconds")),
                Duration.ofSeconds(group.getInteger("repeat_interval_seconds")), now);

        long count = group.getLong("notification_count");
        if (decision.send()) {
            count++;
            long routeId = group.getLong("route_id");
            long channelId = group.getLong("channel_id");
            String groupKey = group.getString("group_key");
            boolean firing = decision.alerts().stream().anyMatch(a -> !a.status().equals("resolved"));
            String key = GroupKeys.idempotencyKey(groupId, count, channelId);
            Notification notification = new Notification(key, groupKey, GroupKeys.dedupKey(routeId, groupKey),
                    firing ? "firing" : "resolved", group.getString("route_name"),
                    strings(group.getJsonObject("group_labels")), decision.alerts(), externalUrl);
            c.preparedQuery(NOTIFICATION).executeAndAwait(Tuple.of(key, groupId, channelId,
                    new JsonObject(json.writeValueAsString(notification)), count));
            c.preparedQuery(SUPERSEDE).executeAndAwait(Tuple.of(groupId, count));
        }
        c.preparedQuery(AFTER).executeAndAwait(Tuple.from(Arrays.asList(groupId, timestamp(decision.nextCheck()),
                timestamp(decision.send() ? now : lastSentAt), json(new ArrayList<>(decision.firingKeys())), count)));
        c.preparedQuery(PRUNE).executeAndAwait(Tuple.of(groupId));
    }
}
