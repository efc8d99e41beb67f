package dev.vigil.ingest.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.SharedDevStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class TopicProvisionerTest {
    @Inject
    TopicProvisioner provisioner;

    @Test
    void describesEveryIngestTopicWithTheConfiguredPartitionsAndDurability() {
        List<NewTopic> topics = provisioner.topics();
        assertThat(topics).extracting(NewTopic::name).containsExactly(
                Topics.OTLP_TRACES, Topics.OTLP_METRICS, Topics.OTLP_LOGS, Topics.DEADLETTER, Topics.CONFIG);
        NewTopic traces = topics.getFirst();
        assertThat(traces.numPartitions()).isEqualTo(3);
        assertThat(traces.replicationFactor()).isEqualTo((short) 1);
        assertThat(traces.configs()).containsEntry("min.insync.replicas", "1")
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(3).toMillis()));
        assertThat(topics.get(4).numPartitions()).as("config changes stay in order on one partition").isEqualTo(1);
    }

    @Test
    void everyIngestTopicExistsOnTheBrokerAfterStartUp() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedDevStack.get().kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.listTopics().names().get())
                    .contains(Topics.OTLP_TRACES, Topics.OTLP_METRICS, Topics.OTLP_LOGS, Topics.DEADLETTER, Topics.CONFIG));
        }
    }
}
