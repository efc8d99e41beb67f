package dev.vigil.ingest.persist;

import dev.vigil.store.schema.SchemaMigrator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Starts the persist stage: brings the ClickHouse schema up to date, then runs one
 * {@link SignalPersister}s per signal ({@code vigil.ingest.persist.consumers}), each with its own thread
 * and consumer, in one consumer group per signal.
 */
@Singleton
final class PersistStage {
    private static final Logger LOG = Logger.getLogger(PersistStage.class);

    private final PersistConfig config;
    private final Map<String, Object> kafka;
    private final SchemaMigrator migrator;
    private final List<SignalStore<?>> stores;
    private final MeterRegistry registry;
    private List<SignalPersister<?>> persisters = List.of();
    private DeadLetterPublisher deadLetters;

    PersistStage(PersistConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            SchemaMigrator migrator, TraceStore traces, MetricStore metrics, LogStore logs, MeterRegistry registry) {
        this.config = config;
        this.kafka = kafka;
        this.migrator = migrator;
        this.stores = List.of(traces, metrics, logs);
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Persist stage is off (vigil.ingest.persist.enabled=false)");
            return;
        }
        PersistConfig.validate(config);
        migrator.migrate();
        deadLetters = new DeadLetterPublisher(kafka);
        List<SignalPersister<?>> all = new ArrayList<>();
        for (SignalStore<?> store : stores) {
            for (int i = 0; i < config.consumers(); i++) {
                all.add(persister(store, i));
            }
        }
        persisters = List.copyOf(all);
        persisters.forEach(SignalPersister::start);
    }

    private <R> SignalPersister<R> persister(SignalStore<R> store, int instance) {
        return new SignalPersister<>(config, kafka, store, store.signal().topic(),
                config.groupIdPrefix() + store.signal().id(), instance, deadLetters, registry);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        for (SignalPersister<?> p : persisters) {
            p.stop();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    /** Whether every signal's thread runs; false before start-up, when the stage is off, and after one failed. */
    boolean isRunning() {
        return !persisters.isEmpty() && persisters.stream().allMatch(SignalPersister::isRunning);
    }

    /** Why a signal's thread stopped, if one stopped on its own, naming the signal. */
    String failure() {
        for (SignalPersister<?> p : persisters) {
            if (p.failure() != null) {
                return p.store().signal().id() + ": " + p.failure();
            }
        }
        return null;
    }
}
