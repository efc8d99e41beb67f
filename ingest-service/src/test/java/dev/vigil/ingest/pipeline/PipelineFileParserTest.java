package dev.vigil.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.contracts.Signal;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineFileParserTest {
    private static final List<String> SYSTEM = List.of("kube-system", "istio-system", "vigil");

    static PipelineFile parse(String yaml) {
        return PipelineFileParser.parse("pipelines.yaml", yaml, SYSTEM);
    }

    private static void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(PipelineConfigException.class).hasMessage(message);
    }

    @Test
    void readsTheDeployedExampleCompletely() throws IOException {
        PipelineFile file = PipelineFileParser.parse("example",
                Files.readString(Path.of("../deploy/pipelines.example.yaml")), List.of());

        assertThat(file.systemNamespaces()).containsExactlyInAnyOrder("kube-system", "istio-system", "vigil");
        assertThat(file.outputs()).containsOnlyKeys("vendor", "archive");
        assertThat(file.outputs().get("vendor")).isEqualTo(new ForwardOutput("vendor",
                URI.create("https://otlp.vendor.example"), Map.of("api-key", "replace-me"), Duration.ofSeconds(10)));
        assertThat(file.outputs().get("archive").url("logs"))
                .isEqualTo(URI.create("http://otel-collector.observability.svc:4318/v1/logs"));
        assertThat(file.names()).isEqualTo(Map.of(Signal.TRACES, List.of("shop", "payment-errors"),
                Signal.METRICS, List.of("all", "mesh"), Signal.LOGS, List.of("access")));

        PipelineSpec shop = file.pipelines().get(Signal.TRACES).getFirst();
        assertThat(shop.include().namespaces()).containsExactly("shop");
        assertThat(shop.exclude().attributes()).hasSize(1);
        assertThat(shop.exclude().attributes().getFirst().key()).isEqualTo("url.path");
        assertThat(((AttributeCondition.Matches) shop.exclude().attributes().getFirst().test()).pattern().pattern())
                .isEqualTo("/(healthz|readyz)");
        assertThat(shop.drop()).containsExactly("http.request.header.cookie");
        assertThat(shop.redact()).containsExactly("enduser.email");
        assertThat(shop.store()).isTrue();
        assertThat(shop.forward()).containsExactly("vendor");

        PipelineSpec errors = file.pipelines().get(Signal.TRACES).get(1);
        assertThat(errors.include().workloads()).containsExactlyInAnyOrder("payment", "payment-worker");
        assertThat(errors.include().attributes().getFirst().test()).isEqualTo(new AttributeCondition.Exists(true));
        assertThat(errors.store()).isFalse();
        assertThat(errors.forward()).containsExactly("archive");

        PipelineSpec access = file.pipelines().get(Signal.LOGS).getFirst();
        assertThat(access.include().resourceAttributes().getFirst())
                .isEqualTo(new AttributeCondition("deployment.environment.name", new AttributeCondition.Equals("production")));
        assertThat(file.forwardOutputs().keySet()).containsExactlyInAnyOrder("vendor", "archive");
    }

    @Test
    void defaultsStoreWithoutForwardingAndTakeTheConfiguredSystemNamespaces() {
        PipelineFile file = parse("""
                pipelines:
                  traces:
                    - name: all
                """);

        PipelineSpec all = file.pipelines().get(Signal.TRACES).getFirst();
        assertThat(all.store()).isTrue();
        assertThat(all.forward()).isEmpty();
        assertThat(all.include()).isEqualTo(Selection.EVERYTHING);
        assertThat(file.systemNamespaces()).containsExactlyInAnyOrderElementsOf(SYSTEM);
        assertThat(file.pipelines().get(Signal.METRICS)).isEmpty();
        assertThat(file.pipelines().get(Signal.LOGS)).isEmpty();
        assertThat(file.forwardOutputs()).isEmpty();
    }

    @Test
    void rejectsAnUnknownKeyNamingItsLineAndField() {
        assertRejected("""
                pipelines:
                  traces:
                    - name: shop
                      include:
                        namespace: [shop]
                """, "pipelines.yaml: line 5, pipelines.traces[0].include.namespace: unknown key; expected one of:"
                + " namespaces, workloads, services, resource-attributes, attributes");
    }

    @Test
    void rejectsAnUnknownSignal() {
        assertRejected("""
                pipelines:
                  spans: []
                """, "pipelines.yaml: line 2, pipelines.spans: unknown key; expected one of: traces, metrics, logs");
    }

    @Test
    void rejectsForwardingToAnOutputNoOneDefined() {
        assertRejected("""
                outputs:
                  vendor:
                    endpoint: https://otlp.example
                pipelines:
                  logs:
                    - name: l
                      outputs:
                        forward: [vendor, archive]
                """, "pipelines.yaml: line 8, pipelines.logs[0].outputs.forward[1]: no output named 'archive';"
                + " defined outputs: vendor");
    }

    @Test
    void rejectsARegularExpressionThatDoesNotCompile() {
        assertRejected("""
                pipelines:
                  traces:
                    - name: t
                      include:
                        attributes:
                          - key: http.route
                            matches: "/api/(v1"
                """, "pipelines.yaml: line 7, pipelines.traces[0].include.attributes[0].matches: '/api/(v1' is not a"
                + " valid regular expression: Unclosed group near index 8");
    }

    @Test
    void rejectsAConditionWithTwoTests() {
        assertRejected("""
                pipelines:
                  traces:
                    - name: t
                      exclude:
                        resource-attributes:
                          - key: a
                            equals: x
                            exists: true
                """, "pipelines.yaml: line 6, pipelines.traces[0].exclude.resource-attributes[0]: needs exactly one of"
                + " equals, matches or exists, had [equals, exists]");
    }

    @Test
    void rejectsExistsThatIsNotABoolean() {
        assertRejected("""
                pipelines:
                  traces:
                    - name: t
                      include:
                        attributes:
                          - key: a
                            exists: "yes"
                """, "pipelines.yaml: line 7, pipelines.traces[0].include.attributes[0].exists: must be true or false,"
                + " was a string");
    }

    @Test
    void rejectsTwoPipelinesOfASignalWithOneName() {
        assertRejected("""
                pipelines:
                  metrics:
                    - name: m
                    - name: m
                """, "pipelines.yaml: line 4, pipelines.metrics[1].name: 'm' is already the name of another pipeline of"
                + " this signal");
    }

    @Test
    void rejectsAPipelineWithoutName() {
        assertRejected("""
                pipelines:
                  metrics:
                    - include:
                        namespaces: [a]
                """, "pipelines.yaml: line 3, pipelines.metrics[0].name: missing");
    }

    @Test
    void rejectsAPipelineThatNeitherStoresNorForwards() {
        assertRejected("""
                pipelines:
                  logs:
                    - name: nowhere
                      outputs:
                        store: false
                """, "pipelines.yaml: line 4, pipelines.logs[0].outputs: the pipeline neither stores nor forwards; set"
                + " store: true or name outputs in forward");
    }

    @Test
    void rejectsAKeyBothDroppedAndRedacted() {
        assertRejected("""
                pipelines:
                  logs:
                    - name: l
                      attributes:
                        drop: [user.id]
                        redact: [user.id]
                """, "pipelines.yaml: line 6, pipelines.logs[0].attributes.redact: 'user.id' is also in drop; an"
                + " attribute is either dropped or redacted");
    }

    @Test
    void rejectsAnOutputWithoutHttpEndpoint() {
        assertRejected("""
                outputs:
                  grpc:
                    endpoint: grpc://collector:4317
                pipelines: {}
                """, "pipelines.yaml: line 3, outputs.grpc.endpoint: must be an http:// or https:// URL, was"
                + " 'grpc://collector:4317'");
    }

    @Test
    void rejectsATimeoutThatIsNoDuration() {
        assertRejected("""
                outputs:
                  vendor:
                    endpoint: https://otlp.example
                    timeout: 10
                pipelines: {}
                """, "pipelines.yaml: line 4, outputs.vendor.timeout: '10' is not a duration; write for example 500ms,"
                + " 10s or 1m");
    }

    @Test
    void rejectsAHeaderTheForwarderSetsItself() {
        assertRejected("""
                outputs:
                  vendor:
                    endpoint: https://otlp.example
                    headers:
                      Content-Type: application/json
                pipelines: {}
                """, "pipelines.yaml: line 5, outputs.vendor.headers.Content-Type: this header is set by the forwarder"
                + " and cannot be configured");
    }

    @Test
    void rejectsAKeyWrittenTwice() {
        assertRejected("""
                pipelines:
                  traces: []
                  traces: []
                """, "pipelines.yaml: line 3: key 'traces' appears twice in the mapping of line 2");
    }

    @Test
    void rejectsAnEmptyFileRatherThanOptingEverythingOut() {
        assertRejected("", "pipelines.yaml: the file is empty; it must have 'pipelines' (write 'pipelines: {}' to opt"
                + " every signal out)");
    }

    @Test
    void rejectsAFileWithoutPipelines() {
        assertRejected("system-namespaces: [kube-system]\n", "pipelines.yaml: line 1, pipelines: missing; list the"
                + " pipelines of each signal (a signal without pipelines is opted out: its data is dropped)");
    }

    @Test
    void rejectsYamlThatDoesNotParseNamingTheLine() {
        assertThatThrownBy(() -> parse("pipelines:\n  traces: [\n    - name: x\n"))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageStartingWith("pipelines.yaml: line 3: not valid YAML:");
    }

    @Test
    void readsAnExplicitlyEmptySystemNamespaceList() {
        assertThat(parse("system-namespaces: []\npipelines: {}\n").systemNamespaces()).isEqualTo(Set.of());
    }
}
