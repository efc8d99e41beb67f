package dev.vigil.ingest.receive;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.vigil.contracts.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Metrics: items are data points, kept in their metric. A metric's records are keyed by resource and
 * metric name, so the points of one series stay in order on one partition; a metric too large for
 * one record is cut into several with the same key, each with part of its data points.
 */
final class MetricsSignal implements OtlpSignal<ExportMetricsServiceRequest> {
    static final MetricsSignal INSTANCE = new MetricsSignal();
    /** Room left in a record for its resource, scope and framing when a metric is cut. */
    private static final int FRAMING = 64;

    private MetricsSignal() {
    }

    @Override
    public Signal signal() {
        return Signal.METRICS;
    }

    @Override
    public Parser<ExportMetricsServiceRequest> parser() {
        return ExportMetricsServiceRequest.parser();
    }

    @Override
    public ExportMetricsServiceRequest emptyRequest() {
        return ExportMetricsServiceRequest.getDefaultInstance();
    }

    @Override
    public String grpcService() {
        return MetricsServiceGrpc.SERVICE_NAME;
    }

    @Override
    public String itemNoun() {
        return "metric";
    }

    @Override
    public int items(ExportMetricsServiceRequest request) {
        int points = 0;
        for (ResourceMetrics resource : request.getResourceMetricsList()) {
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    points += dataPoints(metric);
                }
            }
        }
        return points;
    }

    static int dataPoints(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }

    @Override
    public void validate(ExportMetricsServiceRequest request, RequestChecks checks) {
        for (int r = 0; r < request.getResourceMetricsCount(); r++) {
            ResourceMetrics resource = request.getResourceMetrics(r);
            int ri = r;
            checks.attributes(resource.getResource().getAttributesList(),
                    () -> "resource_metrics[" + ri + "].resource.attributes");
            for (int s = 0; s < resource.getScopeMetricsCount(); s++) {
                ScopeMetrics scope = resource.getScopeMetrics(s);
                int si = s;
                checks.attributes(scope.getScope().getAttributesList(),
                        () -> "resource_metrics[" + ri + "].scope_metrics[" + si + "].scope.attributes");
                for (int m = 0; m < scope.getMetricsCount(); m++) {
                    Metric metric = scope.getMetrics(m);
                    int mi = m;
                    Supplier<String> at = () -> "resource_metrics[" + ri + "].scope_metrics[" + si + "].metrics[" + mi + "]";
                    checks.attributes(metric.getMetadataList(), () -> at.get() + ".metadata");
                    validatePoints(metric, at, checks);
                }
            }
        }
    }

    private static void validatePoints(Metric metric, Supplier<String> at, RequestChecks checks) {
        switch (metric.getDataCase()) {
            case GAUGE -> {
                List<NumberDataPoint> points = metric.getGauge().getDataPointsList();
                for (int p = 0; p < points.size(); p++) {
                    point(points.get(p).getAttributesList(), points.get(p).getExemplarsList(),
                            at, ".gauge.data_points[", p, checks);
                }
            }
            case SUM -> {
                List<NumberDataPoint> points = metric.getSum().getDataPointsList();
                for (int p = 0; p < points.size(); p++) {
                    point(points.get(p).getAttributesList(), points.get(p).getExemplarsList(),
                            at, ".sum.data_points[", p, checks);
                }
            }
            case HISTOGRAM -> {
                List<HistogramDataPoint> points = metric.getHistogram().getDataPointsList();
                for (int p = 0; p < points.size(); p++) {
                    point(points.get(p).getAttributesList(), points.get(p).getExemplarsList(),
                            at, ".histogram.data_points[", p, checks);
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                List<ExponentialHistogramDataPoint> points = metric.getExponentialHistogram().getDataPointsList();
                for (int p = 0; p < points.size(); p++) {
                    point(points.get(p).getAttributesList(), points.get(p).getExemplarsList(),
                            at, ".exponential_histogram.data_points[", p, checks);
                }
            }
            case SUMMARY -> {
                List<SummaryDataPoint> points = metric.getSummary().getDataPointsList();
                for (int p = 0; p < points.size(); p++) {
                    point(points.get(p).getAttributesList(), List.of(), at, ".summary.data_points[", p, checks);
                }
            }
            case DATA_NOT_SET -> {
            }
        }
    }

    private static void point(List<KeyValue> attributes, List<Exemplar> exemplars, Supplier<String> metric,
            String points, int p, RequestChecks checks) {
        Supplier<String> at = () -> metric.get() + points + p + "]";
        checks.attributes(attributes, () -> at.get() + ".attributes");
        for (int e = 0; e < exemplars.size(); e++) {
            Exemplar exemplar = exemplars.get(e);
            int ei = e;
            Supplier<String> here = () -> at.get() + ".exemplars[" + ei + "]";
            checks.traceId(exemplar.getTraceId(), () -> here.get() + ".trace_id");
            checks.spanId(exemplar.getSpanId(), () -> here.get() + ".span_id");
            checks.attributes(exemplar.getFilteredAttributesList(), () -> here.get() + ".filtered_attributes");
        }
    }

    @Override
    public List<Piece> pieces(ExportMetricsServiceRequest request, int maxRecordBytes) {
        List<Piece> pieces = new ArrayList<>();
        for (int r = 0; r < request.getResourceMetricsCount(); r++) {
            ResourceMetrics resource = request.getResourceMetrics(r);
            String resourceKey = RecordKeys.resource(resource.getResource());
            int budget = maxRecordBytes - FRAMING - resourceHeader(request, r).getSerializedSize();
            for (int s = 0; s < resource.getScopeMetricsCount(); s++) {
                int scopeBudget = budget - scopeHeader(request, r, s).getSerializedSize();
                List<Metric> metrics = resource.getScopeMetrics(s).getMetricsList();
                for (int i = 0; i < metrics.size(); i++) {
                    Metric metric = metrics.get(i);
                    String key = resourceKey + "/" + metric.getName();
                    for (Metric part : cut(metric, scopeBudget)) {
                        pieces.add(new Piece(r, s, part == metric ? i : Piece.PART, part, dataPoints(part), key));
                    }
                }
            }
        }
        return pieces;
    }

    /** The metric whole when it fits, else parts of it with consecutive data points; a single oversized point stays alone. */
    static List<Metric> cut(Metric metric, int budget) {
        if (metric.getSerializedSize() <= budget || dataPoints(metric) < 2) {
            return List.of(metric);
        }
        return switch (metric.getDataCase()) {
            case GAUGE -> cut(metric.getGauge().getDataPointsList(), budget, points -> metric.toBuilder()
                    .setGauge(metric.getGauge().toBuilder().clearDataPoints().addAllDataPoints(points)).build());
            case SUM -> cut(metric.getSum().getDataPointsList(), budget, points -> metric.toBuilder()
                    .setSum(metric.getSum().toBuilder().clearDataPoints().addAllDataPoints(points)).build());
            case HISTOGRAM -> cut(metric.getHistogram().getDataPointsList(), budget, points -> metric.toBuilder()
                    .setHistogram(metric.getHistogram().toBuilder().clearDataPoints().addAllDataPoints(points)).build());
            case EXPONENTIAL_HISTOGRAM -> cut(metric.getExponentialHistogram().getDataPointsList(), budget,
                    points -> metric.toBuilder().setExponentialHistogram(metric.getExponentialHistogram().toBuilder()
                            .clearDataPoints().addAllDataPoints(points)).build());
            case SUMMARY -> cut(metric.getSummary().getDataPointsList(), budget, points -> metric.toBuilder()
                    .setSummary(metric.getSummary().toBuilder().clearDataPoints().addAllDataPoints(points)).build());
            case DATA_NOT_SET -> List.of(metric);
        };
    }

    private static <P extends Message> List<Metric> cut(List<P> points, int budget, Function<List<P>, Metric> metricOf) {
        int header = metricOf.apply(List.of()).getSerializedSize();
        List<Metric> parts = new ArrayList<>();
        List<P> part = new ArrayList<>();
        long bytes = header;
        for (P point : points) {
            // Tag, length varint (at most 5 bytes) and the point itself.
            long cost = 6 + point.getSerializedSize();
            if (!part.isEmpty() && bytes + cost > budget) {
                parts.add(metricOf.apply(part));
                part = new ArrayList<>();
                bytes = header;
            }
            part.add(point);
            bytes += cost;
        }
        parts.add(metricOf.apply(part));
        return parts;
    }

    @Override
    public Message resourceHeader(ExportMetricsServiceRequest request, int r) {
        return request.getResourceMetrics(r).toBuilder().clearScopeMetrics().build();
    }

    @Override
    public Message scopeHeader(ExportMetricsServiceRequest request, int r, int s) {
        return request.getResourceMetrics(r).getScopeMetrics(s).toBuilder().clearMetrics().build();
    }

    @Override
    public Message response(long rejected, String message) {
        if (rejected == 0) {
            return ExportMetricsServiceResponse.getDefaultInstance();
        }
        return ExportMetricsServiceResponse.newBuilder().setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                .setRejectedDataPoints(rejected).setErrorMessage(message)).build();
    }
}
