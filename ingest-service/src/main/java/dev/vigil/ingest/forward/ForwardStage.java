package dev.vigil.ingest.forward;

import dev.vigil.ingest.pipeline.ForwardOutput;
import dev.vigil.ingest.pipeline.Pipelines;
import dev.vigil.ingest.pipeline.PipelinesReloaded;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs one {@link OutputForwarder} per output that the pipelines in force forward to, and follows
 * reloads: a forwarder starts for a newly used output, stops for one no longer used, and restarts
 * when an output's endpoint, headers or timeout changed.
 */
@Startup
@Singleton
final class ForwardStage {
    private static final Logger LOG = Logger.getLogger(ForwardStage.class);

    private final ForwardConfig config;
    private final Map<String, Object> kafka;
    private final ForwardMetrics metrics;
    private final Map<String, OutputForwarder> running = new LinkedHashMap<>();
    private DeadLetters deadLetters;

    ForwardStage(ForwardConfig config, Pipelines pipelines, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.config = config;
        this.kafka = Map.copyOf(kafka);
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
            Map.Entry<String, OutputForwarder> entry = it.next();
            ForwardOutput wanted = outputs.get(entry.getKey());
            if (!entry.getValue().output().equals(wanted)) {
                stop(entry.getValue());
                it.remove();
            }
        }
        for (ForwardOutput output : outputs.values()) {
            if (!running.containsKey(output.name())) {
                if (deadLetters == null) {
                    deadLetters = new DeadLetters(kafka);
                }
                OutputForwarder forwarder = new OutputForwarder(output, config, kafka, deadLetters, metrics);
                running.put(output.name(), forwarder);
                forwarder.start();
                LOG.infof("Forwarding to output %s at %s", output.name(), output.endpoint());
            }
        }
    }

    private static void stop(OutputForwarder forwarder) {
        try {
            forwarder.stop(forwarder.output().timeout().plus(Duration.ofSeconds(10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    synchronized void close() {
        new HashMap<>(running).values().forEach(ForwardStage::stop);
        running.clear();
        if (deadLetters != null) {
            deadLetters.close();
        }
    }
}
