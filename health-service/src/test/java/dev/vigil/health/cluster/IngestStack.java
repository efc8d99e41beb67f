package dev.vigil.health.cluster;

import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the packaged ingest-service on the shared devstack, the way {@code ./vigil up} does, and points
 * health-service at it and at the same Kafka, ClickHouse and PostgreSQL; the tests send OTLP/HTTP metrics to
 * {@link #otlpMetricsUrl()}, the packaged ingest-service's OTLP/HTTP receiver, which stores them in ClickHouse.
 */
public final class IngestStack implements QuarkusTestResourceLifecycleManager {

    private static PackagedService ingest;

    @Override
    public Map<String, String> start() {
        DevStack stack = SharedDevStack.get();
        ingest = PackagedService.ingest(Map.of(
                "vigil.ingest.persist.linger", "200ms",
                "vigil.ingest.pipelines.file", everyNamespacePipelines().toString()));
        DevStack.PostgresConnection pg = stack.postgres();
        return Map.ofEntries(
                Map.entry("vigil.health.services.ingest", ingest.uri("").toString()),
                Map.entry("vigil.health.probe-interval", "1s"),
                Map.entry("vigil.health.probe-timeout", "3s"),
                Map.entry("vigil.health.cluster.refresh-interval", "1s"),
                Map.entry("kafka.bootstrap.servers", stack.kafkaBootstrapServers()),
                Map.entry("vigil.clickhouse.url", stack.clickHouseUrl()),
                Map.entry("vigil.health.postgres.jdbc-url", pg.jdbcUrl()),
                Map.entry("vigil.health.postgres.username", pg.user()),
                Map.entry("vigil.health.postgres.password", pg.password()));
    }

    /**
     * Pipelines that store the metrics of every namespace: by default ingest drops kube-system, and
     * the simulated cluster has pods there, as a real one does.
     */
    private static Path everyNamespacePipelines() {
        try {
            Path file = Files.createTempFile("vigil-health-pipelines", ".yaml");
            Files.writeString(file, """
                    system-namespaces: []
                    pipelines:
                      metrics:
                        - name: cluster
                          outputs:
                            store: true
                    """);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where to send OTLP/HTTP metrics: the packaged ingest-service's receiver. */
    static String otlpMetricsUrl() {
        return ingest.uri("/v1/metrics").toString();
    }

    @Override
    public void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }
}
