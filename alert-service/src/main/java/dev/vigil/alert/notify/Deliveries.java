package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.postgres.Transactions;
import dev.vigil.alert.route.ChannelType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static dev.vigil.alert.postgres.Transactions.timestamp;

/**
 * Delivers recorded notifications. A notification is claimed (status {@code sending}, with a claim
 * deadline) in one transaction, sent outside any transaction, and its outcome recorded in another, with a
 * {@code delivery_attempt} row per attempt. A delivered notification is never claimed again, so neither a
 * replayed event, a restart nor a second replica sends it twice. Only if a replica dies between sending
 * and recording can another send it again, after the claim deadline.
 */
final class Deliveries {

    private static final String CLAIM = """
            UPDATE notification SET status = 'sending', claimed_until = now() + make_interval(secs => $1),
                attempts = attempts + 1
            WHERE id = (
                SELECT id FROM notification
                WHERE (status = 'pending' AND next_attempt_at <= now())
                   OR (status = 'sending' AND claimed_until < now())
                ORDER BY next_attempt_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING id, channel_id, message, attempts
            """;
    private static final String CHANNEL = "SELECT name, type, settings, secret FROM channel WHERE id = $1";
    private static final String ATTEMPT = """
            INSERT INTO delivery_attempt (notification_id, attempt, at, outcome, http_status, error, duration_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (notification_id, attempt) DO NOTHING
            """;
    private static final String OUTCOME = """
            UPDATE notification SET status = $2, next_attempt_at = $3, claimed_until = NULL, last_error = $4,
                finished_at = $5
            WHERE id = $1
            """;

    private final Transactions database;
    private final ObjectMapper json;
    private final Map<ChannelType, Notifier> notifiers;
    private final NotifyConfig config;
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;

    Deliveries(Transactions database, ObjectMapper json, Map<ChannelType, Notifier> notifiers, NotifyConfig config,
               MeterRegistry registry) {
        this.database = database;
        this.json = json;
        this.notifiers = Map.copyOf(notifiers);
        this.config = config;
        this.delivered = Counter.builder("vigil.alert.notify.deliveries").tag("outcome", "delivered").register(registry);
        this.retried = Counter.builder("vigil.alert.notify.deliveries").tag("outcome", "retryable").register(registry);
        this.failed = Counter.builder("vigil.alert.notify.deliveries").tag("outcome", "failed").register(registry);
    }

    private record Claimed(long id, long channelId, Notification notification, int attempt) {
    }

    private record Channel(ChannelType type, Target target) {
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
            return Optional.of(new Claimed(row.getLong("id"), row.getLong("channel_id"),
                    json.readValue(row.getJsonObject("message").encode(), Notification.class), row.getInteger("attempts")));
        });
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed n = claimed.get();
        Optional<Channel> channel = database.withConnection(c -> {
            RowIterator<Row> rows = c.preparedQuery(CHANNEL).executeAndAwait(Tuple.of(n.channelId())).iterator();
            if (!rows.hasNext()) {
                return Optional.<Channel>empty();
            }
            Row row = rows.next();
            return Optional.of(new Channel(ChannelType.byId(row.getString("type")).orElseThrow(),
                    new Target(n.channelId(), row.getString("name"), row.getString("secret"),
                            row.getJsonObject("settings").getMap())));
        });
        long started = System.nanoTime();
        DeliveryResult result = channel.isEmpty()
                ? new DeliveryResult.Failed(false, 0, null, "the channel no longer exists")
                : notifiers.get(channel.get().type()).send(n.notification(), channel.get().target());
        record(n, result, Duration.ofNanos(System.nanoTime() - started));
        return true;
    }

    private void record(Claimed n, DeliveryResult result, Duration took) throws Exception {
        Instant now = Instant.now();
        String outcome;
        String status;
        Instant next = now;
        Integer httpStatus;
        String error;
        switch (result) {
            case DeliveryResult.Delivered d -> {
                outcome = "delivered";
                status = "delivered";
                httpStatus = d.httpStatus();
                error = null;
                delivered.increment();
            }
            case DeliveryResult.Failed f when f.retryable() && n.attempt() < config.maxAttempts() -> {
                outcome = "retryable";
                status = "pending";
                next = now.plus(wait(n.attempt(), f.retryAfter()));
                httpStatus = f.httpStatus() == 0 ? null : f.httpStatus();
                error = f.reason();
                retried.increment();
            }
            case DeliveryResult.Failed f -> {
                outcome = f.retryable() ? "retryable" : "failed";
                status = "failed";
                httpStatus = f.httpStatus() == 0 ? null : f.httpStatus();
                error = f.retryable() ? f.reason() + " (gave up after " + n.attempt() + " attempts)" : f.reason();
                failed.increment();
            }
        }
        boolean finished = !status.equals("pending");
        Instant nextAttempt = next;
        database.inTransaction(c -> {
            c.preparedQuery(ATTEMPT).executeAndAwait(Tuple.from(Arrays.asList(n.id(), n.attempt(), timestamp(now),
                    outcome, httpStatus, error, took.toMillis())));
            c.preparedQuery(OUTCOME).executeAndAwait(Tuple.from(Arrays.asList(n.id(), status, timestamp(nextAttempt),
                    error, finished ? timestamp(now) : null)));
            return null;
        });
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
