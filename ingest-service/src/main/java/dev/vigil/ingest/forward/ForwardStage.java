package dev.vigil.ingest.forward;

import dev.vigil.contracts.ConsumerGroups;
import dev.vigil.ingest.consume.Backoff;
import dev.vigil.ingest.consume.BatchLimit;
import dev.vigil.ingest.consume.ConsumerLoop;
import dev.vigil.ingest.consume.ConsumerLoops;
import dev.vigil.ingest.consume.LoopSettings;
import dev.vigil.ingest.pipeline.ForwardOutput;
import dev.vigil.ingest.pipeline.Pipelines;
import dev.vigil.ingest.pipeline.PipelinesReloaded;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs one consumer loop per output that the pipelines in force forward to (group
 * {@code vigil-forward-<output>} on the OTLP topics, see {@link ForwardHandler}), and follows reloads: a
 * loop starts for a newly used output, stops for one no longer used, and restarts when an output's
 * endpoint, headers or timeout changed. The loops stop with the service ({@link ConsumerLoops}).
 */
@Startup
@Singleton
final class ForwardStage {
    private static final Logger LOG = Logger.getLogger(ForwardStage.class);
    /** Records of other outputs are committed in batches this old at most; a record to send is a batch of its own. */
    private static final Duration LINGER = Duration.ofMillis(500);

    private final ForwardConfig config;
    private final ConsumerLoops loops;
    private final ForwardMetrics metrics;
    private final Map<String, Forwarding> running = new LinkedHashMap<>();

    private record Forwarding(ForwardOutput output, ConsumerLoop<ForwardHandler.Request> loop) {
    }

    ForwardStage(ForwardConfig config, Pipelines pipelines, ConsumerLoops loops, MeterRegistry registry) {
        this.config = config;
        this.loops = loops;
        this.metrics = new ForwardMetrics(registry);
        if (config.enabled()) {
            ForwardConfig.validate(config);
            reconcile(pipelines.forwardOutputs());
        } else {
            LOG.info("The forward stage is off (vigil.ingest.forward.enabled=false)");
        }
    }

    void onReload(@Observes PipelinesReloaded reloaded) {
        if (config.enabled()) {
            reconcile(reloaded.forwardOutputs());
        }
    }

    private synchronized void reconcile(Map<String, ForwardOutput> outputs) {
        for (var it = running.entrySet().iterator(); it.hasNext();) {
            Forwarding forwarding = it.next().getValue();
            if (!forwarding.output().equals(outputs.get(forwarding.output().name()))) {
                stop(forwarding);
                it.remove();
            }
        }
        for (ForwardOutput output : outputs.values()) {
            if (!running.containsKey(output.name())) {
                running.put(output.name(), new Forwarding(output, start(output)));
                LOG.infof("Forwarding to output %s at %s", output.name(), output.endpoint());
            }
        }
    }

    private ConsumerLoop<ForwardHandler.Request> start(ForwardOutput output) {
        // Only records that already name this output are sent, so a new group starts at the beginning:
        // what was routed to the output while no loop ran is delivered too.
        String group = ConsumerGroups.FORWARD_PREFIX + output.name();
        return loops.start(settings(config, group, group), new ForwardHandler(output, config, metrics));
    }

    /** Weight 1 per record to send: each is a batch of its own, so a retry never sends an accepted record again. */
    static LoopSettings settings(ForwardConfig config, String name, String groupId) {
        return new LoopSettings(name, groupId, ForwardHandler.topics(), config.maxPollRecords(),
                BatchLimit.ofWeight(1), LINGER,
                new Backoff(config.initialBackoff(), config.maxBackoff()), false);
    }

    private void stop(Forwarding forwarding) {
        try {
            loops.stop(forwarding.loop(), forwarding.output().timeout().plus(Duration.ofSeconds(10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
