package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.destination.DestinationPolicy;
import dev.vigil.alert.notify.pagerduty.PagerDutyNotifier;
import dev.vigil.alert.notify.slack.SlackNotifier;
import dev.vigil.alert.notify.webhook.WebhookNotifier;
import dev.vigil.alert.postgres.Transactions;
import dev.vigil.alert.route.ChannelService;
import dev.vigil.alert.route.ChannelType;
import dev.vigil.alert.route.SilenceService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts notification on this replica after the schema is migrated: the group flusher and the delivery workers.
 * The intake ({@link AlertIntake}) is the messaging channel {@code alert-intake}, switched with the same setting.
 */
@Singleton
final class NotifyStart {

    private final NotifyConfig config;
    private final Transactions database;
    private final ChannelService channels;
    private final SilenceService silences;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final DestinationPolicy destinations;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Thread> loops = new ArrayList<>();

    NotifyStart(NotifyConfig config, Transactions database, ChannelService channels, SilenceService silences,
                ObjectMapper json, MeterRegistry registry, DestinationPolicy destinations) {
        NotifyConfig.validate(config);
        this.config = config;
        this.database = database;
        this.channels = channels;
        this.silences = silences;
        this.json = json;
        this.registry = registry;
        this.destinations = destinations;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("notification is switched off on this replica (vigil.alert.notify.enabled=false)");
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        JsonPost post = new JsonPost(http, config.sendTimeout(), destinations);
        Deliveries deliveries = new Deliveries(database, channels, json, Map.of(
                ChannelType.SLACK, new SlackNotifier(post),
                ChannelType.PAGERDUTY, new PagerDutyNotifier(post),
                ChannelType.WEBHOOK, new WebhookNotifier(post)), config, registry);
        GroupFlusher flusher = new GroupFlusher(database, silences, json, config.externalUrl());
        loops.add(loop("alert-group-flusher", flusher::flushOne));
        for (int i = 0; i < config.deliveryWorkers(); i++) {
            loops.add(loop("notification-delivery-" + i, deliveries::deliverOne));
        }
        Log.infof("notification started: consumer group %s, %d delivery workers", config.consumerGroup(),
                config.deliveryWorkers());
    }

    @FunctionalInterface
    private interface Step {
        /** Does one unit of work; {@code false} when there was none. */
        boolean run() throws Exception;
    }

    /** Runs the step until it finds nothing to do, then waits a tick; a failure waits a second. */
    private Thread loop(String name, Step step) {
        return Thread.ofVirtual().name(name).start(() -> {
            String lastFailure = null;
            while (!stopped.get()) {
                try {
                    if (!step.run()) {
                        Thread.sleep(config.tick());
                    }
                    lastFailure = null;
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (!e.toString().equals(lastFailure)) {
                        Log.warnf("%s failed, retrying: %s", name, e.toString());
                        lastFailure = e.toString();
                    }
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped.set(true);
        for (Thread loop : loops) {
            try {
                loop.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
