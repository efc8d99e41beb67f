package dev.vigil.ingest.pipeline;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OTLP requests built field by field for pipeline tests. */
final class Otlp {
    private Otlp() {
    }

    static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static KeyValue attr(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    /** Resource attributes of a pod: namespace, Deployment and service; null values are left out. */
    static List<KeyValue> pod(String namespace, String deployment, String service) {
        List<KeyValue> attributes = new ArrayList<>();
        if (namespace != null) {
            attributes.add(attr("k8s.namespace.name", namespace));
        }
        if (deployment != null) {
            attributes.add(attr("k8s.deployment.name", deployment));
        }
        if (service != null) {
            attributes.add(attr("service.name", service));
        }
        return attributes;
    }

    static Resource resource(List<KeyValue> attributes) {
        return Resource.newBuilder().addAllAttributes(attributes).build();
    }

    static Span span(String name, KeyValue... attributes) {
        return Span.newBuilder().setName(name)
                .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) name.hashCode()}))
                .addAllAttributes(List.of(attributes)).build();
    }

    static ResourceSpans resourceSpans(List<KeyValue> resource, Span... spans) {
        return ResourceSpans.newBuilder().setResource(resource(resource))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("scope"))
                        .addAllSpans(List.of(spans)))
                .build();
    }

    static ExportTraceServiceRequest traces(ResourceSpans... resources) {
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(List.of(resources)).build();
    }

    static LogRecord log(String body, KeyValue... attributes) {
        return LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue(body))
                .addAllAttributes(List.of(attributes)).build();
    }

    static ExportLogsServiceRequest logs(List<KeyValue> resource, LogRecord... records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource(resource))
                .addScopeLogs(ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("logger"))
                        .addAllLogRecords(List.of(records))))
                .build();
    }

    static NumberDataPoint point(double value, KeyValue... attributes) {
        return NumberDataPoint.newBuilder().setAsDouble(value).addAllAttributes(List.of(attributes)).build();
    }

    static Metric gauge(String name, NumberDataPoint... points) {
        return Metric.newBuilder().setName(name).setGauge(Gauge.newBuilder().addAllDataPoints(List.of(points))).build();
    }

    static ExportMetricsServiceRequest metrics(List<KeyValue> resource, Metric... metrics) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(resource(resource))
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName("meter"))
                        .addAllMetrics(List.of(metrics))))
                .build();
    }

    static Exemplar exemplar(KeyValue... filteredAttributes) {
        return Exemplar.newBuilder().setAsDouble(1).addAllFilteredAttributes(List.of(filteredAttributes)).build();
    }

    /** Attributes as a map of their text, in order, for exact comparisons. */
    static Map<String, String> map(List<KeyValue> attributes) {
        Map<String, String> map = new LinkedHashMap<>();
        attributes.forEach(kv -> map.put(kv.getKey(), AttributeValues.text(kv.getValue())));
        return map;
    }

    static List<String> spanNames(ExportTraceServiceRequest request) {
        List<String> names = new ArrayList<>();
        request.getResourceSpansList().forEach(r -> r.getScopeSpansList()
                .forEach(s -> s.getSpansList().forEach(span -> names.add(span.getName()))));
        return names;
    }
}
