package dev.vigil.ingest.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts and stops the service's consumer loops, all with the one dead-letter publisher and the same
 * supervision, and knows which run: what the readiness check reports.
 */
@Singleton
public final class ConsumerLoops {
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final MeterRegistry registry;
    private final Backoff restartBackoff;
    private final List<ConsumerLoop<?>> loops = new CopyOnWriteArrayList<>();
    private DeadLetterPublisher deadLetters;

    ConsumerLoops(ConsumeConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.kafka = Map.copyOf(kafka);
        this.registry = registry;
        this.restartBackoff = ConsumeConfig.restartBackoff(config);
    }

    /** Starts a loop on the service's Kafka cluster; it runs until {@link #stop} or shutdown. */
    public synchronized <T> ConsumerLoop<T> start(LoopSettings settings, RecordHandler<T> handler) {
        if (deadLetters == null) {
            deadLetters = new DeadLetterPublisher(kafka);
        }
        ConsumerLoop<T> loop = new ConsumerLoop<>(settings, kafka, handler, deadLetters, restartBackoff, registry);
        loops.add(loop);
        loop.start();
        return loop;
    }

    public void stop(ConsumerLoop<?> loop, Duration within) throws InterruptedException {
        try {
            loop.stop(within);
        } finally {
            loops.remove(loop);
        }
    }

    /** The loops started and not stopped. */
    List<ConsumerLoop<?>> loops() {
        return List.copyOf(loops);
    }

    synchronized void shutdown(@Observes ShutdownEvent event) throws InterruptedException {
        for (ConsumerLoop<?> loop : loops()) {
            stop(loop, SHUTDOWN_WAIT);
        }
        if (deadLetters != null) {
            deadLetters.close();
            deadLetters = null;
        }
    }
}
