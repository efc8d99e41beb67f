package dev.vigil.ingest.topics;

import static org.apache.kafka.common.config.TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG;
import static org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG;

import dev.vigil.contracts.Signal;
import dev.vigil.contracts.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the OTLP, dead-letter and config topics at start-up, with the configured partitions and
 * replication, instead of leaving them to a broker's auto-creation defaults. Kafka may not be up yet:
 * then it keeps trying in the background, and the receiver answers retryably until the topics exist.
 */
@Singleton
final class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final TopicConfig config;
    private final Map<String, Object> kafka;
    private volatile boolean stopping;
    private Thread thread;

    TopicProvisioner(TopicConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent event) {
        if (!config.create()) {
            return;
        }
        TopicConfig.validate(config);
        thread = Thread.ofPlatform().daemon().name("vigil-topics").start(this::provision);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The topics with their settings; the OTLP ones keyed by trace id, all with acks=all durability. */
    List<NewTopic> topics() {
        int minInSync = Math.min(2, config.replicationFactor());
        Map<String, String> durable = Map.of(
                MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSync),
                RETENTION_MS_CONFIG, Long.toString(config.retention().toMillis()));
        List<NewTopic> topics = new ArrayList<>();
        for (Signal signal : Signal.values()) {
            topics.add(new NewTopic(signal.topic(), config.partitions(), config.replicationFactor()).configs(durable));
        }
        topics.add(new NewTopic(Topics.DEADLETTER, 1, config.replicationFactor()).configs(durable));
        // One partition keeps configuration changes in the order they were made.
        topics.add(new NewTopic(Topics.CONFIG, 1, config.replicationFactor()).configs(durable));
        return topics;
    }

    private void provision() {
        Map<String, Object> admin = new HashMap<>(kafka);
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-topics");
        while (!stopping) {
            try (Admin client = Admin.create(admin)) {
                Set<String> existing = client.listTopics().names().get(15, TimeUnit.SECONDS);
                List<NewTopic> missing = topics().stream().filter(t -> !existing.contains(t.name())).toList();
                if (!missing.isEmpty()) {
                    createEach(client, missing);
                }
                return;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warnf("Cannot create ingest's Kafka topics yet, trying again in %d s: %s", RETRY.toSeconds(),
                        describe(e));
                try {
                    Thread.sleep(RETRY);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private static String describe(Throwable e) {
        StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            why.append(": ").append(c.getMessage());
        }
        return why.toString();
    }

    private void createEach(Admin client, List<NewTopic> missing) throws Exception {
        var results = client.createTopics(missing).values();
        for (NewTopic topic : missing) {
            try {
                results.get(topic.name()).get(30, TimeUnit.SECONDS);
                LOG.infof("Created topic %s: %d partitions, replication %d", topic.name(), topic.numPartitions(),
                        topic.replicationFactor());
            } catch (ExecutionException e) {
                // Another instance created it first: what matters is that it exists.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
