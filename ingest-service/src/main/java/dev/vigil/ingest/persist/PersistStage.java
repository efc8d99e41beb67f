package dev.vigil.ingest.persist;

import dev.vigil.ingest.consume.Backoff;
import dev.vigil.ingest.consume.BatchLimit;
import dev.vigil.ingest.consume.ConsumerLoop;
import dev.vigil.ingest.consume.ConsumerLoops;
import dev.vigil.ingest.consume.LoopSettings;
import dev.vigil.store.schema.SchemaMigrator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts the persist stage: brings the ClickHouse schema up to date, then runs
 * {@code vigil.ingest.persist.consumers} consumer loops per signal, each with its own thread and
 * consumer, in one consumer group per signal. The loops stop with the service ({@link ConsumerLoops}).
 */
@Singleton
final class PersistStage {
    private static final Logger LOG = Logger.getLogger(PersistStage.class);

    private final PersistConfig config;
    private final SchemaMigrator migrator;
    private final List<SignalStore<?>> stores;
    private final ConsumerLoops loops;
    private final MeterRegistry registry;
    private volatile List<ConsumerLoop<?>> running = List.of();

    PersistStage(PersistConfig config, SchemaMigrator migrator, TraceStore traces, MetricStore metrics, LogStore logs,
            ConsumerLoops loops, MeterRegistry registry) {
        this.config = config;
        this.migrator = migrator;
        this.stores = List.of(traces, metrics, logs);
        this.loops = loops;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Persist stage is off (vigil.ingest.persist.enabled=false)");
            return;
        }
        PersistConfig.validate(config);
        migrator.migrate();
        List<ConsumerLoop<?>> all = new ArrayList<>();
        for (SignalStore<?> store : stores) {
            for (int i = 0; i < config.consumers(); i++) {
                all.add(start(store, "vigil-persist-" + store.signal().id() + "-" + i, store.signal().topic(),
                        config.groupIdPrefix() + store.signal().id()));
            }
        }
        running = List.copyOf(all);
    }

    /**
     * Starts one loop, named {@code name}, storing what it reads from {@code topic} in group {@code groupId};
     * tests run their own on topics of their own.
     */
    <R> ConsumerLoop<R> start(SignalStore<R> store, String name, String topic, String groupId) {
        return loops.start(settings(config, name, topic, groupId), new StoreHandler<>(store, registry));
    }

    static LoopSettings settings(PersistConfig config, String name, String topic, String groupId) {
        return new LoopSettings(name, groupId, List.of(topic), config.maxPollRecords(),
                new BatchLimit(config.batchItems(), config.batchBytes()),
                config.linger(), new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff()), true);
    }

    /** Whether every signal's loops run; false before start-up, when the stage is off, and while one restarts. */
    boolean isRunning() {
        List<ConsumerLoop<?>> loops = running;
        return !loops.isEmpty() && loops.stream().allMatch(ConsumerLoop::isRunning);
    }

    /** The loops not running, with why the last worker of each died, if one did. */
    String notRunning() {
        List<String> down = new ArrayList<>();
        for (ConsumerLoop<?> loop : running) {
            if (!loop.isRunning()) {
                down.add(loop.name() + (loop.lastFailure() == null ? "" : " (" + loop.lastFailure() + ")"));
            }
        }
        return down.isEmpty() ? (running.isEmpty() ? "not started" : "") : "restarting: " + String.join(", ", down);
    }
}
