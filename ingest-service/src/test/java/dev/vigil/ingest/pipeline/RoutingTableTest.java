package dev.vigil.ingest.pipeline;

import static dev.vigil.ingest.pipeline.Otlp.attr;
import static dev.vigil.ingest.pipeline.Otlp.exemplar;
import static dev.vigil.ingest.pipeline.Otlp.gauge;
import static dev.vigil.ingest.pipeline.Otlp.log;
import static dev.vigil.ingest.pipeline.Otlp.logs;
import static dev.vigil.ingest.pipeline.Otlp.map;
import static dev.vigil.ingest.pipeline.Otlp.metrics;
import static dev.vigil.ingest.pipeline.Otlp.pod;
import static dev.vigil.ingest.pipeline.Otlp.point;
import static dev.vigil.ingest.pipeline.Otlp.resourceSpans;
import static dev.vigil.ingest.pipeline.Otlp.span;
import static dev.vigil.ingest.pipeline.Otlp.spanNames;
import static dev.vigil.ingest.pipeline.Otlp.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.contracts.Signal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private RoutingTable table(String yaml) {
        return new RoutingTable(PipelineFileParserTest.parse(yaml), registry);
    }

    private double items(Signal signal, String pipeline, String outcome) {
        return registry.get("vigil.pipeline.items").tag("signal", signal.id()).tag("pipeline", pipeline)
                .tag("outcome", outcome).counter().count();
    }

    private static final ExportTraceServiceRequest SHOP_AND_BILLING = traces(
            resourceSpans(pod("shop", "cart", "cart"), span("add"), span("remove")),
            resourceSpans(pod("billing", "invoice", "invoice"), span("bill")));

    @Test
    void keepsOnlyTheIncludedNamespacesAndCountsWhatItDropped() {
        RoutingTable table = table("""
                pipelines:
                  traces:
                    - name: shop
                      include:
                        namespaces: [shop]
                """);

        List<Routed<ExportTraceServiceRequest>> routed = table.route(Signal.TRACES, SHOP_AND_BILLING, 3);

        assertThat(routed).hasSize(1);
        assertThat(routed.getFirst().pipeline()).isEqualTo("shop");
        assertThat(routed.getFirst().items()).isEqualTo(2);
        assertThat(routed.getFirst().store()).isTrue();
        assertThat(routed.getFirst().forwardTo()).isEmpty();
        assertThat(routed.getFirst().request()).isEqualTo(traces(SHOP_AND_BILLING.getResourceSpans(0)));
        assertThat(items(Signal.TRACES, "shop", "received")).isEqualTo(3);
        assertThat(items(Signal.TRACES, "shop", "filtered_out")).isEqualTo(1);
    }

    @Test
    void routesOnlyThroughThePipelinesTheSendersTokenAllowsAndCountsNothingInTheOthers() {
        RoutingTable table = table("""
                pipelines:
                  traces:
                    - name: shop
                      include:
                        namespaces: [shop]
                    - name: everything
                """);

        List<Routed<ExportTraceServiceRequest>> routed = table.route(Signal.TRACES, SHOP_AND_BILLING, 3,
                "everything"::equals);

        assertThat(routed).extracting(Routed::pipeline).containsExactly("everything");
        assertThat(routed.getFirst().items()).isEqualTo(3);
        assertThat(items(Signal.TRACES, "shop", "received")).isZero();
        assertThat(items(Signal.TRACES, "everything", "received")).isEqualTo(3);
        assertThat(table.names(Signal.TRACES)).containsExactly("shop", "everything");
    }

    @Test
    void dropsAnExcludedNamespace() {
        RoutingTable table = table("""
                pipelines:
                  traces:
                    - name: no-billing
                      exclude:
                        namespaces: [billing]
                """);

        List<Routed<ExportTraceServiceRequest>> routed = table.route(Signal.TRACES, SHOP_AND_BILLING, 3);

        assertThat(spanNames(routed.getFirst().request())).containsExactly("add", "remove");
    }

    @Test
    void dropsSystemNamespacesWithoutAFile() {
        RoutingTable table = new RoutingTable(PipelineFile.defaults(List.of("kube-system", "istio-system", "vigil")),
                registry);
        ExportTraceServiceRequest request = traces(
                resourceSpans(pod("kube-system", "coredns", "coredns"), span("dns")),
                resourceSpans(pod("vigil", "ingest", "ingest-service"), span("self")),
                resourceSpans(pod("istio-system", "istiod", "istiod"), span("xds")),
                resourceSpans(pod("shop", "cart", "cart"), span("add")),
                resourceSpans(pod(null, null, "laptop"), span("local")));

        List<Routed<ExportTraceServiceRequest>> routed = table.route(Signal.TRACES, request, 5);

        assertThat(routed).hasSize(1);
        assertThat(routed.getFirst().pipeline()).isEqualTo("default");
        assertThat(routed.getFirst().store()).isTrue();
        assertThat(spanNames(routed.getFirst().request())).containsExactly("add", "local");
        assertThat(items(Signal.TRACES, "default", "filtered_out")).isEqualTo(3);
    }

    @Test
    void keepsASystemNamespaceThatAPipelineNamesExplicitly() {
        RoutingTable table = table("""
                pipelines:
                  traces:
                    - name: mesh
                      include:
                        namespaces: [istio-system, shop]
                    - name: other
                      exclude:
                        namespaces: [shop]
                """);
        ExportTraceServiceRequest request = traces(
                resourceSpans(pod("istio-system", "istiod", "istiod"), span("xds")),
                resourceSpans(pod("kube-system", "coredns", "coredns"), span("dns")),
                resourceSpans(pod("shop", "cart", "cart"), span("add")));

        List<Routed<ExportTraceServiceRequest>> routed = table.route(Signal.TRACES, request, 3);

        assertThat(routed).extracting(Routed::pipeline).containsExactly("mesh");
        assertThat(spanNames(routed.getFirst().request())).containsExactly("xds", "add");
    }

    @Test
    void selectsByAnyKindOfWorkload() {
        RoutingTable table = table("""
                pipelines:
                  logs:
                    - name: db
                      include:
                        workloads: [postgres, backup]
                """);
        List<KeyValue> statefulSet = List.of(attr("k8s.namespace.name", "data"), attr("k8s.statefulset.name", "postgres"));
        List<KeyValue> cronJob = List.of(attr("k8s.namespace.name", "data"), attr("k8s.cronjob.name", "backup"));
        List<KeyValue> deployment = List.of(attr("k8s.namespace.name", "data"), attr("k8s.deployment.name", "api"));

        assertThat(table.route(Signal.LOGS, logs(statefulSet, log("checkpoint")), 1)).hasSize(1);
        assertThat(table.route(Signal.LOGS, logs(cronJob, log("dumped")), 1)).hasSize(1);
        assertThat(table.route(Signal.LOGS, logs(deployment, log("request")), 1)).isEmpty();
        assertThat(items(Signal.LOGS, "db", "received")).isEqualTo(3);
        assertThat(items(Signal.LOGS, "db", "filtered_out")).isEqualTo(1);
    }

    @Test
    void selectsByServiceName() {
        RoutingTable table = table("""
                pipelines:
                  traces:
                    - name: cart
                      include:
                        services: [cart]
                """);

        List<Routed<ExportTraceServiceRequest>> routed = table.route(Signal.TRACES, SHOP_AND_BILLING, 3);

        assertThat(spanNames(routed.getFirst().request())).containsExactly("add", "remove");
    }

    @Test
    void matchesItemAttributesWithEqualsMatchesAndExists() {
        RoutingTable table = table("""
                pipelines:
                  traces:
                    - name: api-errors
                      include:
                        attributes:
                          - key: http.route
                            matches: /api/.*
                          - key: http.response.status_code
                            equals: 500
                      exclude:
                        attributes:
                          - key: synthetic
                            exists: true
                """);
        ExportTraceServiceRequest request = traces(resourceSpans(pod("shop", "cart", "cart"),
                span("error", attr("http.route", "/api/cart"), attr("http.response.status_code", 500)),
                span("ok", attr("http.route", "/api/cart"), attr("http.response.status_code", 200)),
                span("page", attr("http.route", "/cart"), attr("http.response.status_code", 500)),
                span("probe", attr("http.route", "/api/cart"), attr("http.response.status_code", 500),
                        attr("synthetic", "true")),
                span("bare")));

        List<Routed<ExportTraceServiceRequest>> routed = table.route(Signal.TRACES, request, 5);

        assertThat(spanNames(routed.getFirst().request())).containsExactly("error");
        assertThat(routed.getFirst().items()).isEqualTo(1);
        assertThat(items(Signal.TRACES, "api-errors", "filtered_out")).isEqualTo(4);
    }

    @Test
    void matchesResourceAttributesAndAttributesThatMustBeAbsent() {
        RoutingTable table = table("""
                pipelines:
                  logs:
                    - name: prod-untraced
                      include:
                        resource-attributes:
                          - key: deployment.environment.name
                            equals: production
                        attributes:
                          - key: trace_id
                            exists: false
                """);
        List<KeyValue> production = List.of(attr("deployment.environment.name", "production"));
        List<KeyValue> staging = List.of(attr("deployment.environment.name", "staging"));

        List<Routed<ExportLogsServiceRequest>> kept = table.route(Signal.LOGS,
                logs(production, log("plain"), log("traced", attr("trace_id", "abc"))), 2);
        List<Routed<ExportLogsServiceRequest>> none = table.route(Signal.LOGS, logs(staging, log("plain")), 1);

        assertThat(kept.getFirst().request().getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
                .extracting(r -> r.getBody().getStringValue()).containsExactly("plain");
        assertThat(none).isEmpty();
    }

    @Test
    void dropsAndRedactsAttributesOfResourcesScopesSpansEventsAndLinks() {
        RoutingTable table = table("""
                pipelines:
                  traces:
                    - name: clean
                      attributes:
                        drop: [cookie]
                        redact: [user.email]
                """);
        Span span = span("login", attr("cookie", "c=1"), attr("user.email", "a@b.c"), attr("http.route", "/login"))
                .toBuilder()
                .addEvents(Span.Event.newBuilder().setName("audit").addAttributes(attr("user.email", "a@b.c"))
                        .addAttributes(attr("cookie", "c=1")))
                .addLinks(Span.Link.newBuilder().addAttributes(attr("user.email", "a@b.c")).addAttributes(attr("kind", "x")))
                .build();
        ExportTraceServiceRequest request = traces(ResourceSpans.newBuilder()
                .setResource(Otlp.resource(List.of(attr("service.name", "auth"), attr("cookie", "r"))))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("s").addAttributes(attr("user.email", "s")))
                        .addSpans(span))
                .build());

        ExportTraceServiceRequest out = table.route(Signal.TRACES, request, 1).getFirst().request();

        ResourceSpans resource = out.getResourceSpans(0);
        assertThat(map(resource.getResource().getAttributesList())).isEqualTo(Map.of("service.name", "auth"));
        assertThat(map(resource.getScopeSpans(0).getScope().getAttributesList())).isEqualTo(Map.of("user.email", "***"));
        Span edited = resource.getScopeSpans(0).getSpans(0);
        assertThat(map(edited.getAttributesList())).containsExactly(Map.entry("user.email", "***"),
                Map.entry("http.route", "/login"));
        assertThat(map(edited.getEvents(0).getAttributesList())).containsExactly(Map.entry("user.email", "***"));
        assertThat(map(edited.getLinks(0).getAttributesList())).containsExactly(Map.entry("user.email", "***"),
                Map.entry("kind", "x"));
        assertThat(edited.getName()).isEqualTo("login");
        assertThat(edited.getSpanId()).isEqualTo(span.getSpanId());
        // The request routed is a copy: the one received is untouched, for the other pipelines.
        assertThat(map(request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getAttributesList()))
                .containsEntry("user.email", "a@b.c").containsEntry("cookie", "c=1");
    }

    @Test
    void dropsAndRedactsLogRecordAndDataPointAttributes() {
        RoutingTable table = table("""
                pipelines:
                  logs:
                    - name: l
                      attributes:
                        drop: [password]
                        redact: [client.address]
                  metrics:
                    - name: m
                      attributes:
                        drop: [user.id]
                        redact: [client.address]
                """);

        ExportLogsServiceRequest logs = table.route(Signal.LOGS, logs(pod("shop", "cart", "cart"),
                log("GET /", attr("client.address", "10.1.2.3"), attr("password", "x"), attr("status", 200))), 1)
                .getFirst().request();
        ExportMetricsServiceRequest metrics = table.route(Signal.METRICS, metrics(pod("shop", "cart", "cart"),
                gauge("queue", point(3, attr("user.id", "u1"), attr("queue", "q")).toBuilder()
                        .addExemplars(exemplar(attr("client.address", "10.1.2.3"), attr("user.id", "u1"))).build())), 1)
                .getFirst().request();

        assertThat(map(logs.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getAttributesList()))
                .containsExactly(Map.entry("client.address", "***"), Map.entry("status", "200"));
        NumberDataPoint point = metrics.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0).getGauge().getDataPoints(0);
        assertThat(map(point.getAttributesList())).containsExactly(Map.entry("queue", "q"));
        assertThat(map(point.getExemplars(0).getFilteredAttributesList()))
                .containsExactly(Map.entry("client.address", "***"));
        assertThat(point.getAsDouble()).isEqualTo(3);
    }

    @Test
    void dropsDataPointsByTheirAttributesAndMetricsLeftWithoutAny() {
        RoutingTable table = table("""
                pipelines:
                  metrics:
                    - name: no-debug
                      exclude:
                        attributes:
                          - key: level
                            equals: debug
                """);
        ExportMetricsServiceRequest request = metrics(pod("shop", "cart", "cart"),
                gauge("events", point(1, attr("level", "info")), point(2, attr("level", "debug"))),
                gauge("debug.only", point(5, attr("level", "debug"))));

        List<Routed<ExportMetricsServiceRequest>> routed = table.route(Signal.METRICS, request, 3);

        assertThat(routed.getFirst().items()).isEqualTo(1);
        var scope = routed.getFirst().request().getResourceMetrics(0).getScopeMetrics(0);
        assertThat(scope.getMetricsList()).extracting(m -> m.getName()).containsExactly("events");
        assertThat(scope.getMetrics(0).getGauge().getDataPointsList()).extracting(NumberDataPoint::getAsDouble)
                .containsExactly(1.0);
        assertThat(items(Signal.METRICS, "no-debug", "filtered_out")).isEqualTo(2);
    }

    @Test
    void dropsEverythingOfASignalWithoutPipelinesAndCountsItFilteredOut() {
        RoutingTable table = table("""
                pipelines:
                  traces:
                    - name: all
                  metrics: []
                """);

        assertThat(table.route(Signal.METRICS, metrics(pod("shop", "cart", "cart"), gauge("g", point(1), point(2))), 2))
                .isEmpty();
        assertThat(table.route(Signal.LOGS, logs(pod("shop", "cart", "cart"), log("x")), 1)).isEmpty();
        assertThat(items(Signal.METRICS, RoutingTable.NO_PIPELINE, "filtered_out")).isEqualTo(2);
        assertThat(items(Signal.LOGS, RoutingTable.NO_PIPELINE, "filtered_out")).isEqualTo(1);
        assertThat(table.route(Signal.TRACES, SHOP_AND_BILLING, 3)).hasSize(1);
    }

    @Test
    void givesEachPipelineItsOwnResultWithItsOutputs() {
        RoutingTable table = table("""
                outputs:
                  vendor:
                    endpoint: http://vendor.example:4318
                  archive:
                    endpoint: http://archive.example:4318
                pipelines:
                  traces:
                    - name: store-all
                    - name: billing-out
                      include:
                        namespaces: [billing]
                      attributes:
                        redact: [service.name]
                      outputs:
                        store: false
                        forward: [vendor, archive]
                    - name: nothing-here
                      include:
                        namespaces: [elsewhere]
                """);

        List<Routed<ExportTraceServiceRequest>> routed = table.route(Signal.TRACES, SHOP_AND_BILLING, 3);

        assertThat(routed).extracting(Routed::pipeline).containsExactly("store-all", "billing-out");
        assertThat(routed.get(0).request()).isSameAs(SHOP_AND_BILLING);
        assertThat(routed.get(0).items()).isEqualTo(3);
        Routed<ExportTraceServiceRequest> billing = routed.get(1);
        assertThat(billing.store()).isFalse();
        assertThat(billing.forwardTo()).containsExactly("vendor", "archive");
        assertThat(billing.items()).isEqualTo(1);
        assertThat(map(billing.request().getResourceSpans(0).getResource().getAttributesList()))
                .containsEntry("service.name", "***");
        assertThat(items(Signal.TRACES, "nothing-here", "received")).isEqualTo(3);
        assertThat(items(Signal.TRACES, "nothing-here", "filtered_out")).isEqualTo(3);
    }

    @Test
    void routesTheReceivedRequestItselfWhenAPipelineChangesNothing() {
        RoutingTable table = table("""
                pipelines:
                  traces:
                    - name: all
                      attributes:
                        drop: [not.present]
                      exclude:
                        namespaces: [elsewhere]
                """);

        assertThat(table.route(Signal.TRACES, SHOP_AND_BILLING, 3).getFirst().request()).isSameAs(SHOP_AND_BILLING);
    }

    @Test
    void leavesOutScopesAndResourcesThatKeepNothing() {
        RoutingTable table = table("""
                pipelines:
                  traces:
                    - name: slow
                      include:
                        attributes:
                          - key: slow
                            exists: true
                """);
        ExportTraceServiceRequest request = traces(
                ResourceSpans.newBuilder().setResource(Otlp.resource(pod("shop", "cart", "cart")))
                        .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("fast"))
                                .addSpans(span("quick")))
                        .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("db"))
                                .addSpans(span("query", attr("slow", "yes"))).addSpans(span("ping")))
                        .build(),
                resourceSpans(pod("billing", "invoice", "invoice"), span("bill")));

        ExportTraceServiceRequest out = table.route(Signal.TRACES, request, 4).getFirst().request();

        assertThat(out.getResourceSpansCount()).isEqualTo(1);
        assertThat(out.getResourceSpans(0).getScopeSpansList()).extracting(s -> s.getScope().getName())
                .containsExactly("db");
        assertThat(spanNames(out)).containsExactly("query");
    }

    @Test
    void refusesARequestOfAnotherSignal() {
        RoutingTable table = table("pipelines:\n  logs:\n    - name: l\n");

        assertThatThrownBy(() -> table.route(Signal.LOGS, SHOP_AND_BILLING, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a logs export must be a ExportLogsServiceRequest, was a ExportTraceServiceRequest");
    }

    @Test
    void countsItemsOfEverySignal() {
        List<Object> counts = new ArrayList<>();
        counts.add(OtlpItems.count(SHOP_AND_BILLING));
        counts.add(OtlpItems.count(metrics(pod("a", null, null), gauge("g", point(1), point(2)), gauge("h", point(3)))));
        counts.add(OtlpItems.count(logs(pod("a", null, null), log("x"), log("y"))));
        assertThat(counts).containsExactly(3, 3, 2);
    }
}
