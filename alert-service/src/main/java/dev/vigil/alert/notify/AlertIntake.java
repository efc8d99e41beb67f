package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.vigil.alert.postgres.Transactions;
import dev.vigil.alert.route.Matcher;
import dev.vigil.alert.route.Route;
import dev.vigil.alert.route.RouteDefinition;
import dev.vigil.alert.route.RouteService;
import dev.vigil.contracts.event.AlertStateChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.vigil.alert.postgres.Transactions.json;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/**
 * Takes alert events from {@code vigil.alerts} (channel {@code alert-intake}, a batch per poll) into the alert groups
 * of every route whose matchers match, one batch per PostgreSQL transaction. The batch is acknowledged only when
 * its transaction committed, and the channel commits acknowledged offsets only ({@code commit-strategy=throttled}):
 * after a crash the events since the last commit are taken in again. Taking an event in twice changes nothing: a
 * member is only overwritten by a newer state change. Pending and inactive changes notify nobody and are skipped
 * (firing, nodata and resolved ones are taken in); records that are not alert CloudEvents are counted and skipped.
 */
@Singleton
final class AlertIntake {

    private static final Logger LOG = Logger.getLogger(AlertIntake.class);
    /** The states that notify: firing, no data, and the resolution of either. */
    private static final Set<String> NOTIFIED_STATES = Set.of("firing", "nodata", "resolved");
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private static final String NEW_GROUP = """
            INSERT INTO alert_group (route_id, group_key, group_labels, next_flush_at)
            VALUES ($1, $2, $3, now() + make_interval(secs => $4))
            ON CONFLICT (route_id, group_key) DO NOTHING
            RETURNING id
            """;
    private static final String GROUP_ID = "SELECT id FROM alert_group WHERE route_id = $1 AND group_key = $2";
    private static final String MEMBER = """
            INSERT INTO alert_group_member (group_id, alert_key, rule_id, rule_name, state, labels, annotations,
                value, starts_at, ends_at, event_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (group_id, alert_key) DO UPDATE SET rule_name = EXCLUDED.rule_name, state = EXCLUDED.state,
                labels = EXCLUDED.labels, annotations = EXCLUDED.annotations, value = EXCLUDED.value,
                starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, event_at = EXCLUDED.event_at
            WHERE alert_group_member.event_at < EXCLUDED.event_at
            RETURNING group_id
            """;
    // A change to a group that was notified waits for group_interval after that notification.
    private static final String WAKE_GROUP = """
            UPDATE alert_group SET next_flush_at = LEAST(COALESCE(next_flush_at, 'infinity'::timestamptz),
                GREATEST(now(), COALESCE(last_sent_at + make_interval(secs => $2), now())))
            WHERE id = $1
            """;

    /** An alert event as taken in: its data and its CloudEvents {@code time}. */
    record Change(AlertStateChanged data, Instant time) {
    }

    private final Transactions database;
    private final RouteService routes;
    private final ObjectReader reader;
    private final Counter taken;
    private final Counter undecodable;
    private volatile boolean stopping;

    AlertIntake(Transactions database, RouteService routes, ObjectMapper json, MeterRegistry registry) {
        this.database = database;
        this.routes = routes;
        // Newer producers may add fields; this reader must not refuse their events.
        this.reader = json.readerFor(AlertStateChanged.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.taken = Counter.builder("vigil.alert.notify.events").description("Alert events taken into groups")
                .register(registry);
        this.undecodable = Counter.builder("vigil.alert.notify.events.undecodable")
                .description("Records on vigil.alerts that are not alert CloudEvents; skipped").register(registry);
    }

    /**
     * One poll's records. Returns once they are taken in, retrying with backoff while PostgreSQL fails: returning
     * acknowledges the batch, and an unacknowledged batch holds the partitions' commits back. Throws only when the
     * service stops meanwhile; the batch is then not committed and is taken in again by whoever runs next.
     * The payloads are the events' data; their attributes are in each record's metadata, so both are read from
     * {@code batch}.
     */
    @Incoming("alert-intake")
    @Blocking
    void take(List<Object> payloads, IncomingKafkaRecordBatchMetadata<String, Object> batch) throws InterruptedException {
        List<Change> changes = new ArrayList<>();
        for (Message<?> record : batch.getBatchedMessages()) {
            decode(record).ifPresentOrElse(changes::add, undecodable::increment);
        }
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                takeIn(changes);
                taken.increment(changes.size());
                return;
            } catch (Exception e) {
                if (stopping) {
                    throw new IllegalStateException("stopping: " + changes.size() + " alert events not taken in", e);
                }
                LOG.warnf("%d alert events not taken in, retrying in %s: %s", changes.size(), wait, e.toString());
                Thread.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** The change an alert CloudEvent carries, in the structured or the binary mode; empty for anything else. */
    @SuppressWarnings("rawtypes")
    private Optional<Change> decode(Message<?> record) {
        Optional<IncomingKafkaCloudEventMetadata> found = record.getMetadata(IncomingKafkaCloudEventMetadata.class);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IncomingKafkaCloudEventMetadata<?, ?> event = found.get();
        if (event.getType() == null || !event.getType().startsWith(AlertStateChanged.TYPE_PREFIX)
                || event.getTimeStamp().isEmpty()) {
            return Optional.empty();
        }
        // Structured mode: the connector parsed the envelope and hands data over as JSON; binary mode: the value is data.
        String data = switch (record.getPayload()) {
            case JsonObject object -> object.encode();
            case String text -> text;
            case null, default -> null;
        };
        if (data == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Change(reader.readValue(data), event.getTimeStamp().get().toInstant()));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void takeIn(List<Change> changes) throws Exception {
        List<Change> notifiable = changes.stream()
                .filter(c -> NOTIFIED_STATES.contains(c.data().state())).toList();
        if (notifiable.isEmpty()) {
            return;
        }
        database.inTransaction(c -> {
            List<Route> all = routes.list(c).await().indefinitely();
            for (Change change : notifiable) {
                for (Route route : all) {
                    if (Matcher.all(route.definition().matchers(), change.data().labels())) {
                        add(c, route, change);
                    }
                }
            }
            return null;
        });
    }

    private static void add(SqlConnection c, Route route, Change change) {
        AlertStateChanged event = change.data();
        RouteDefinition definition = route.definition();
        Map<String, String> groupLabels = GroupKeys.groupLabels(definition.groupBy(), event.labels());
        String groupKey = GroupKeys.groupKey(groupLabels);
        RowSet<Row> created = c.preparedQuery(NEW_GROUP).executeAndAwait(Tuple.of(route.id(), groupKey,
                json(groupLabels), (double) definition.groupWait().getSeconds()));
        boolean isNew = created.rowCount() > 0;
        long groupId = isNew ? created.iterator().next().getLong("id")
                : c.preparedQuery(GROUP_ID).executeAndAwait(Tuple.of(route.id(), groupKey)).iterator().next().getLong("id");
        boolean ended = event.state().equals("resolved");
        RowSet<Row> changed = c.preparedQuery(MEMBER).executeAndAwait(Tuple.from(Arrays.asList(groupId,
                event.alertKey(), event.ruleId(), event.ruleName(), event.state(), json(event.labels()),
                json(event.annotations()), event.value(), timestamp(event.firedAt() != null ? event.firedAt() : event.activeAt()),
                timestamp(ended ? event.resolvedAt() : null), timestamp(change.time()))));
        if (changed.rowCount() > 0 && !isNew) {
            c.preparedQuery(WAKE_GROUP).executeAndAwait(Tuple.of(groupId, (double) definition.groupInterval().getSeconds()));
        }
    }
}
