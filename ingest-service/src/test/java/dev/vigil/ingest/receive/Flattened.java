package dev.vigil.ingest.receive;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.List;

/**
 * Export requests as (resource, scope, item) triples, so that what was sent and what was published
 * compare whatever records the items were cut into. Written per signal, independently of the code
 * under test.
 */
record Flattened(Message resource, Message scope, Message item) {

    static List<Flattened> traces(ExportTraceServiceRequest request) {
        List<Flattened> all = new ArrayList<>();
        for (ResourceSpans r : request.getResourceSpansList()) {
            ResourceSpans resource = r.toBuilder().clearScopeSpans().build();
            for (ScopeSpans s : r.getScopeSpansList()) {
                ScopeSpans scope = s.toBuilder().clearSpans().build();
                s.getSpansList().forEach(span -> all.add(new Flattened(resource, scope, span)));
            }
        }
        return all;
    }

    static List<Flattened> metrics(ExportMetricsServiceRequest request) {
        List<Flattened> all = new ArrayList<>();
        for (ResourceMetrics r : request.getResourceMetricsList()) {
            ResourceMetrics resource = r.toBuilder().clearScopeMetrics().build();
            for (ScopeMetrics s : r.getScopeMetricsList()) {
                ScopeMetrics scope = s.toBuilder().clearMetrics().build();
                s.getMetricsList().forEach(metric -> all.add(new Flattened(resource, scope, metric)));
            }
        }
        return all;
    }

    static List<Flattened> logs(ExportLogsServiceRequest request) {
        List<Flattened> all = new ArrayList<>();
        for (ResourceLogs r : request.getResourceLogsList()) {
            ResourceLogs resource = r.toBuilder().clearScopeLogs().build();
            for (ScopeLogs s : r.getScopeLogsList()) {
                ScopeLogs scope = s.toBuilder().clearLogRecords().build();
                s.getLogRecordsList().forEach(log -> all.add(new Flattened(resource, scope, log)));
            }
        }
        return all;
    }
}
