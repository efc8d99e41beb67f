package dev.vigil.ingest.pipeline;

import static dev.vigil.ingest.pipeline.Otlp.pod;
import static dev.vigil.ingest.pipeline.Otlp.resourceSpans;
import static dev.vigil.ingest.pipeline.Otlp.span;
import static dev.vigil.ingest.pipeline.Otlp.spanNames;
import static dev.vigil.ingest.pipeline.Otlp.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.contracts.Signal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up and reload of the pipelines file; what a reload announces on Kafka is {@link ConfigEventPublisherTest}'s. */
class PipelinesReloadTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ExportTraceServiceRequest SHOP_AND_BILLING = traces(
            resourceSpans(pod("shop", "cart", "cart"), span("add")),
            resourceSpans(pod("billing", "invoice", "invoice"), span("bill")));

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static PipelinesConfig config(Path file) {
        return new PipelinesConfig() {
            public Optional<Path> file() {
                return Optional.ofNullable(file);
            }

            public Duration reloadInterval() {
                return Duration.ofMillis(100);
            }

            public List<String> systemNamespaces() {
                return List.of("kube-system", "istio-system", "vigil");
            }
        };
    }

    private double reloads(String result) {
        return registry.get(Pipelines.RELOADS_METER).tag("result", result).counter().count();
    }

    private static String only(String signal, String name, String namespace) {
        return "pipelines:\n  " + signal + ":\n    - name: " + name + "\n      include:\n        namespaces: [" + namespace
                + "]\n";
    }

    @Test
    void replacesThePipelinesWhenTheFileChangesAndKeepsThemWhenTheChangeIsInvalid() throws Exception {
        Path file = dir.resolve("pipelines.yaml");
        Files.writeString(file, only("traces", "shop", "shop"));
        List<PipelinesReloaded> announced = new CopyOnWriteArrayList<>();
        Pipelines pipelines = new Pipelines(config(file), registry, announced::add);
        try {
            assertThat(spanNames(pipelines.route(Signal.TRACES, SHOP_AND_BILLING, 2).getFirst().request()))
                    .containsExactly("add");

            String billing = "billing-" + UUID.randomUUID().toString().substring(0, 8);
            replace(file, only("traces", billing, "billing") + "  logs:\n    - name: all-logs\n");

            // The reload is counted before it is announced, on the reload thread: wait for both.
            await().atMost(WITHIN).until(() -> reloads("success") == 1 && !announced.isEmpty());
            List<Routed<ExportTraceServiceRequest>> routed = pipelines.route(Signal.TRACES, SHOP_AND_BILLING, 2);
            assertThat(routed).extracting(Routed::pipeline).containsExactly(billing);
            assertThat(spanNames(routed.getFirst().request())).containsExactly("bill");
            assertThat(announced).containsExactly(new PipelinesReloaded(Map.of(Signal.TRACES, List.of(billing),
                    Signal.METRICS, List.of(), Signal.LOGS, List.of("all-logs")), Map.of()));

            replace(file, "pipelines:\n  traces:\n    - name: broken\n      include:\n        namespace: [x]\n");

            await().atMost(WITHIN).until(() -> reloads("failed") == 1);
            Thread.sleep(500);
            assertThat(reloads("failed")).as("one bad edit is reported once").isEqualTo(1);
            assertThat(reloads("success")).isEqualTo(1);
            assertThat(pipelines.route(Signal.TRACES, SHOP_AND_BILLING, 2)).extracting(Routed::pipeline)
                    .containsExactly(billing);
            assertThat(pipelines.names().get(Signal.LOGS)).containsExactly("all-logs");
            assertThat(announced).hasSize(1);
        } finally {
            pipelines.close();
        }
    }

    @Test
    void refusesToStartOnAnInvalidFileNamingTheLineAndField() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "pipelines:\n  traces:\n    - name: t\n      outputs:\n        forward: [nowhere]\n");

        assertThatThrownBy(() -> new Pipelines(config(file), registry, reloaded -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("vigil.ingest.pipelines.file: " + file + ": line 5, pipelines.traces[0].outputs.forward[0]:"
                        + " no output named 'nowhere'; defined outputs: none");
    }

    @Test
    void refusesToStartWhenTheFileIsMissing() {
        Path file = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> new Pipelines(config(file), registry, reloaded -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("vigil.ingest.pipelines.file: " + file + " does not exist");
    }

    @Test
    void storesEverySignalExceptSystemNamespacesWithoutAFile() {
        Pipelines pipelines = new Pipelines(config(null), registry, reloaded -> { });

        assertThat(pipelines.names()).isEqualTo(Map.of(Signal.TRACES, List.of("default"), Signal.METRICS,
                List.of("default"), Signal.LOGS, List.of("default")));
        assertThat(pipelines.forwardOutputs()).isEmpty();
        assertThat(pipelines.route(Signal.TRACES, traces(resourceSpans(pod("vigil", "ingest", "ingest"), span("self"))), 1))
                .isEmpty();
    }

    /**
     * Replaces the file's content in one step, as editors and Kubernetes' config maps do: the watcher, which reads
     * every 100 ms, never sees it half written.
     */
    private static void replace(Path file, String content) throws java.io.IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
