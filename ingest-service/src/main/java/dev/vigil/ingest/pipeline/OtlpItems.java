package dev.vigil.ingest.pipeline;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;

/** The items of an OTLP export request, as pipeline counters count them: spans, data points, log records. */
public final class OtlpItems {
    private OtlpItems() {
    }

    public static int count(Message request) {
        int items = 0;
        switch (request) {
            case ExportTraceServiceRequest traces -> {
                for (ResourceSpans r : traces.getResourceSpansList()) {
                    items += TraceFilter.count(r);
                }
            }
            case ExportMetricsServiceRequest metrics -> {
                for (ResourceMetrics r : metrics.getResourceMetricsList()) {
                    items += MetricFilter.count(r);
                }
            }
            case ExportLogsServiceRequest logs -> {
                for (ResourceLogs r : logs.getResourceLogsList()) {
                    items += LogFilter.count(r);
                }
            }
            default -> throw new IllegalArgumentException("not an OTLP export request: " + request.getClass().getName());
        }
        return items;
    }
}
