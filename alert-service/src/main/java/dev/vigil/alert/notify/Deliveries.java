package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.postgres.Transactions;
import dev.vigil.alert.route.Channel;
import dev.vigil.alert.route.ChannelService;
import dev.vigil.alert.route.ChannelType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static dev.vigil.alert.postgres.Transactions.json;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/**
 * Delivers recorded notifications. A notification is claimed (status {@code sending}, with a claim
 * deadline) in one transaction, sent outside any transaction, and its outcome recorded in another, with a
 * {@code delivery_attempt} row per attempt. A delivered notification is never claimed again, so neither a
 * replayed event, a restart nor a second replica sends it twice. Only if a replica dies between sending
 * and recording can another send it again, after the claim deadline.
 *
 * <p>Per group, only the newest notification is ever claimed, and only while no other of the group is being
 * sent: a group's notifications reach the channel in order, and an older state never after a newer one. A
 * retryable failure is retried, with capped back-off, until the channel accepts it or a newer notification
 * supersedes it; only then does the group count it as accepted ({@code delivered_firing}).
 */
final class Deliveries {

    private static final String CLAIM = """
            UPDATE notification SET status = 'sending', claimed_until = now() + make_interval(secs => $1),
                attempts = attempts + 1
            WHERE id = (
                SELECT n.id FROM notification n
                WHERE ((n.status = 'pending' AND n.next_attempt_at <= now())
                       OR (n.status = 'sending' AND n.claimed_until < now()))
                  AND NOT EXISTS (SELECT 1 FROM notification newer
                                  WHERE newer.group_id = n.group_id AND newer.number > n.number)
                  AND NOT EXISTS (SELECT 1 FROM notification other
                                  WHERE other.group_id = n.group_id AND other.id <> n.id
                                    AND other.status = 'sending' AND other.claimed_until >= now())
                ORDER BY n.next_attempt_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING id, group_id, number, channel_id, message, attempts
            """;
    private static final String ATTEMPT = """
            INSERT INTO delivery_attempt (notification_id, attempt, at, outcome, http_status, error, duration_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (notification_id, attempt) DO NOTHING
            """;
    private static final String SUPERSEDED = """
            SELECT EXISTS (SELECT 1 FROM notification WHERE group_id = $1 AND number > $2) AS superseded
            """;
    private static final String OUTCOME = """
            UPDATE notification SET status = $2, next_attempt_at = $3, claimed_until = NULL, last_error = $4,
                finished_at = $5
            WHERE id = $1
            """;
    /** What the channel now shows for the group, unless a newer notification was accepted already. */
    private static final String ACCEPTED = """
            UPDATE alert_group SET delivered_firing = $2, delivered_number = $3
            WHERE id = $1 AND delivered_number < $3
            """;

    private final Transactions database;
    private final ChannelService channels;
    private final ObjectMapper json;
    private final Map<ChannelType, Notifier> notifiers;
    private final NotifyConfig config;
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;

    Deliveries(Transactions database, ChannelService channels, ObjectMapper json, Map<ChannelType, Notifier> notifiers,
               NotifyConfig config, MeterRegistry registry) {
        this.database = database;
        this.channels = channels;
        this.json = json;
        this.notifiers = Map.copyOf(notifiers);
        this.config = config;
        this.delivered = Counter.builder("vigil.alert.notify.deliveries").tag("outcome", "delivered").register(registry);
        this.retried = Counter.builder("vigil.alert.notify.deliveries").tag("outcome", "retryable").register(registry);
        this.failed = Counter.builder("vigil.alert.notify.deliveries").tag("outcome", "failed").register(registry);
    }

    private record Claimed(long id, long groupId, long number, long channelId, Notification notification,
                           int attempt) {
    }

    /** Delivers one due notification; {@code false} when none was due. */
    boolean deliverOne() throws Exception {
        Optional<Claimed> claimed = database.withConnection(c -> {
            RowIterator<Row> rows = c.preparedQuery(CLAIM)
                    .executeAndAwait(Tuple.of(config.claimTimeout().toMillis() / 1000.0)).iterator();
            if (!rows.hasNext()) {
                return Optional.<Claimed>empty();
            }
            Row row = rows.next();
            return Optional.of(new Claimed(row.getLong("id"), row.getLong("group_id"), row.getLong("number"),
                    row.getLong("channel_id"), json.readValue(row.getJsonObject("message").encode(), Notification.class),
                    row.getInteger("attempts")));
        });
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed n = claimed.get();
        Channel channel = channels.find(n.channelId()).await().indefinitely();
        long started = System.nanoTime();
        DeliveryResult result = channel == null
                ? new DeliveryResult.Failed(false, 0, null, "the channel no longer exists")
                : channel.secret() == null ? new DeliveryResult.Failed(false, 0, null, "the channel's secret cannot be"
                        + " decrypted with vigil.alert.secrets.key or vigil.alert.secrets.previous-keys")
                : notifiers.get(channel.type()).send(n.notification(),
                        new Target(channel.id(), channel.name(), channel.secret(), channel.settings()));
        record(n, result, Duration.ofNanos(System.nanoTime() - started));
        return true;
    }

    private void record(Claimed n, DeliveryResult result, Duration took) throws Exception {
        Instant now = Instant.now();
        String outcome;
        String status;
        Integer httpStatus;
        String error;
        Duration wait = Duration.ZERO;
        switch (result) {
            case DeliveryResult.Delivered d -> {
                outcome = "delivered";
                status = "delivered";
                httpStatus = d.httpStatus();
                error = null;
                delivered.increment();
            }
            case DeliveryResult.Failed f when f.retryable() -> {
                outcome = "retryable";
                status = "pending";
                wait = wait(n.attempt(), f.retryAfter());
                httpStatus = f.httpStatus() == 0 ? null : f.httpStatus();
                error = f.reason();
                retried.increment();
            }
            case DeliveryResult.Failed f -> {
                outcome = "failed";
                status = "failed";
                httpStatus = f.httpStatus() == 0 ? null : f.httpStatus();
                error = f.reason();
                failed.increment();
            }
        }
        Instant nextAttempt = now.plus(wait);
        database.inTransaction(c -> {
            String finalStatus = status;
            if (status.equals("pending") && c.preparedQuery(SUPERSEDED)
                    .executeAndAwait(Tuple.of(n.groupId(), n.number())).iterator().next().getBoolean("superseded")) {
                // A newer notification of the group came while this one was being sent; it says what this one did.
                finalStatus = "superseded";
            }
            c.preparedQuery(ATTEMPT).executeAndAwait(Tuple.from(Arrays.asList(n.id(), n.attempt(), timestamp(now),
                    outcome, httpStatus, error, took.toMillis())));
            c.preparedQuery(OUTCOME).executeAndAwait(Tuple.from(Arrays.asList(n.id(), finalStatus,
                    timestamp(nextAttempt), error, finalStatus.equals("pending") ? null : timestamp(now))));
            if (finalStatus.equals("delivered")) {
                c.preparedQuery(ACCEPTED).executeAndAwait(Tuple.of(n.groupId(),
                        json(new ArrayList<>(notifiedKeys(n.notification()))), n.number()));
            }
            return null;
        });
    }

    /** The keys a delivered notification leaves notified as firing (or nodata), as {@link GroupDecision} keeps them. */
    static Set<String> notifiedKeys(Notification notification) {
        Set<String> keys = new TreeSet<>();
        for (NotifiedAlert a : notification.alerts()) {
            if (!a.status().equals("resolved")) {
                String key = a.ruleId() + ":" + a.fingerprint();
                keys.add(a.status().equals("nodata") ? key + GroupDecision.NODATA_SUFFIX : key);
            }
        }
        return keys;
    }

    /** Exponential back-off from the first attempt, or what the integration asked for when that is longer. */
    Duration wait(int attempt, Duration retryAfter) {
        Duration backoff = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        if (backoff.compareTo(config.maxBackoff()) > 0) {
            backoff = config.maxBackoff();
        }
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }
}
