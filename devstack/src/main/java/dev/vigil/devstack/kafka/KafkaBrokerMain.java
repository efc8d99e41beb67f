package dev.vigil.devstack.kafka;

import dev.vigil.devstack.launch.ParentWatch;
import dev.vigil.devstack.launch.ReadyLine;
import dev.vigil.devstack.launch.ServerArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Runs a single-node KRaft Kafka broker with its data in {@code --data}; formats the storage on
 * first start and keeps it across restarts.
 *
 * <pre>KafkaBrokerMain --port 9092 --controller-port 9093 --data DIR [--parent-pid PID]</pre>
 */
public final class KafkaBrokerMain {
    /** Fixed so a restart of the same data directory finds the cluster it formatted. */
    private static final String CLUSTER_ID = "dmlnaWwtZGV2c3RhY2sw";

    private KafkaBrokerMain() {
    }

    public static void main(String[] argv) throws Exception {
        ServerArgs args = ServerArgs.parse(argv);
        int port = args.port("port");
        int controllerPort = args.port("controller-port");
        Path data = args.path("data");
        Files.createDirectories(data);

        KafkaConfig config = KafkaConfig.fromProps(brokerProperties(port, controllerPort, data));
        format(config, data);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-shutdown"));
        ParentWatch.startFrom(args);
        server.startup();
        String bootstrap = "127.0.0.1:" + port;
        awaitBrokerServing(bootstrap);
        ReadyLine.announce("kafka", bootstrap);
        server.awaitShutdown();
    }

    static Properties brokerProperties(int port, int controllerPort, Path data) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", data.resolve("logs").toString()),
                Map.entry("num.partitions", "3"),
                // One node: every internal topic has one replica.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.flush.interval.messages", "1")));
        return p;
    }

    /** What {@code kafka-storage.sh format --ignore-formatted} does, for a static controller quorum. */
    private static void format(KafkaConfig config, Path data) throws Exception {
        new Formatter()
                .setPrintStream(System.out)
                .setNodeId(config.nodeId())
                .setClusterId(CLUSTER_ID)
                .setIgnoreFormatted(true)
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(config.logDirs())
                .setHasDynamicQuorum(false)
                .run();
    }

    private static void awaitBrokerServing(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
    }
}
