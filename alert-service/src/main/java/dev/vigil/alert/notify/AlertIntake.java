package dev.vigil.alert.notify;

import dev.vigil.alert.event.AlertEvent;
import dev.vigil.alert.event.CloudEvents;
import dev.vigil.alert.postgres.Transactions;
import dev.vigil.alert.route.Matcher;
import dev.vigil.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.vigil.alert.postgres.Transactions.json;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/**
 * Takes alert events from {@code vigil.alerts} into the alert groups of every route whose matchers match,
 * one poll's worth per transaction, and commits the offsets only after that transaction. Taking an event
 * in twice changes nothing: a member is only overwritten by a newer state change. Pending and inactive
 * changes notify nobody and are skipped; firing, nodata and resolved ones are taken in.
 */
final class AlertIntake implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AlertIntake.class);
    private static final java.util.Set<String> NOTIFIED_STATES = java.util.Set.of("firing", "nodata", "resolved");

    private static final String ROUTES = """
            SELECT id, matchers, group_by, group_wait_seconds, group_interval_seconds FROM route
            """;
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

    private record RouteRow(long id, List<Matcher> matchers, List<String> groupBy, int groupWait, int groupInterval) {
    }

    private final Transactions database;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Counter taken;
    private final Counter undecodable;
    private volatile boolean stopped;
    private Thread loop;

    AlertIntake(Transactions database, String bootstrapServers, String group, MeterRegistry registry) {
        this.database = database;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.CLIENT_ID_CONFIG, "vigil-alert-intake"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.taken = Counter.builder("vigil.alert.notify.events").description("Alert events taken into groups")
                .register(registry);
        this.undecodable = Counter.builder("vigil.alert.notify.events.undecodable")
                .description("Records on vigil.alerts that are not alert CloudEvents; skipped").register(registry);
    }

    void start() {
        loop = Thread.ofPlatform().daemon().name("alert-intake").start(this::run);
    }

    private void run() {
        consumer.subscribe(List.of(Topics.ALERTS));
        while (!stopped) {
            try {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<AlertEvent> events = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    try {
                        events.add(CloudEvents.decode(record.value()));
                    } catch (IllegalArgumentException e) {
                        undecodable.increment();
                    }
                }
                takeIn(events);
                consumer.commitSync();
                taken.increment(events.size());
            } catch (WakeupException e) {
                return;
            } catch (Exception e) {
                // The batch was not committed: rewind to the committed offsets and take it in again.
                LOG.warnf("alert events not taken in, retrying: %s", e.toString());
                consumer.assignment().forEach(tp -> {
                    var committed = consumer.committed(java.util.Set.of(tp)).get(tp);
                    if (committed != null) {
                        consumer.seek(tp, committed.offset());
                    } else {
                        consumer.seekToBeginning(List.of(tp));
                    }
                });
                pause();
            }
        }
    }

    void takeIn(List<AlertEvent> events) throws Exception {
        List<AlertEvent> notifiable = events.stream()
                .filter(e -> NOTIFIED_STATES.contains(e.state())).toList();
        if (notifiable.isEmpty()) {
            return;
        }
        database.inTransaction(c -> {
            List<RouteRow> routes = routes(c);
            for (AlertEvent event : notifiable) {
                for (RouteRow route : routes) {
                    if (Matcher.all(route.matchers(), event.labels())) {
                        add(c, route, event);
                    }
                }
            }
            return null;
        });
    }

    private static List<RouteRow> routes(SqlConnection c) {
        List<RouteRow> routes = new ArrayList<>();
        for (Row row : c.query(ROUTES).executeAndAwait()) {
            List<Matcher> matchers = Arrays.stream(row.getArrayOfStrings("matchers")).map(Matcher::parse).toList();
            List<String> groupBy = List.of(row.getArrayOfStrings("group_by"));
            routes.add(new RouteRow(row.getLong("id"), matchers, groupBy, row.getInteger("group_wait_seconds"),
                    row.getInteger("group_interval_seconds")));
        }
        return routes;
    }

    private static void add(SqlConnection c, RouteRow route, AlertEvent event) {
        Map<String, String> groupLabels = GroupKeys.groupLabels(route.groupBy(), event.labels());
        String groupKey = GroupKeys.groupKey(groupLabels);
        RowSet<Row> created = c.preparedQuery(NEW_GROUP)
                .executeAndAwait(Tuple.of(route.id(), groupKey, json(groupLabels), (double) route.groupWait()));
        boolean isNew = created.rowCount() > 0;
        long groupId = isNew ? created.iterator().next().getLong("id")
                : c.preparedQuery(GROUP_ID).executeAndAwait(Tuple.of(route.id(), groupKey)).iterator().next().getLong("id");
        boolean ended = event.state().equals("resolved");
        RowSet<Row> changed = c.preparedQuery(MEMBER).executeAndAwait(Tuple.from(Arrays.asList(groupId,
                event.alertKey(), event.ruleId(), event.ruleName(), event.state(), json(event.labels()),
                json(event.annotations()), event.value(), timestamp(event.firedAt() != null ? event.firedAt() : event.activeAt()),
                timestamp(ended ? event.resolvedAt() : null), timestamp(event.time()))));
        if (changed.rowCount() > 0 && !isNew) {
            c.preparedQuery(WAKE_GROUP).executeAndAwait(Tuple.of(groupId, (double) route.groupInterval()));
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped = true;
        consumer.wakeup();
        if (loop != null) {
            try {
                loop.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

}
