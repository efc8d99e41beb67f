package dev.vigil.ingest.pipeline;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
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
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs a metrics export through one pipeline; data points are its items, and a metric left without
 * data points is dropped. Conditions on item attributes look at a data point's attributes; edits
 * reach data points and the filtered attributes of their exemplars.
 */
final class MetricFilter {
    private MetricFilter() {
    }

    static Filtered<ExportMetricsServiceRequest> apply(Pipeline pipeline, ExportMetricsServiceRequest request) {
        AttributeEdits edits = pipeline.edits();
        List<ResourceMetrics> out = new ArrayList<>(request.getResourceMetricsCount());
        boolean changed = false;
        int total = 0;
        int kept = 0;
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            int points = count(resourceMetrics);
            total += points;
            Pipeline.Decision decision = pipeline.decide(resourceMetrics.getResource().getAttributesList());
            if (decision.verdict() == Pipeline.Verdict.KEEP && !touched(edits, resourceMetrics)) {
                out.add(resourceMetrics);
                kept += points;
                continue;
            }
            changed = true;
            if (decision.verdict() == Pipeline.Verdict.DROP) {
                continue;
            }
            ResourceMetrics.Builder resource = ResourceMetrics.newBuilder()
                    .setResource(edits.resource(resourceMetrics.getResource()))
                    .setSchemaUrl(resourceMetrics.getSchemaUrl());
            int keptHere = 0;
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                ScopeMetrics.Builder scope = null;
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    Metric filtered = metric(pipeline, decision, metric);
                    if (filtered == null) {
                        continue;
                    }
                    if (scope == null) {
                        scope = resource.addScopeMetricsBuilder()
                                .setScope(edits.scope(scopeMetrics.getScope()))
                                .setSchemaUrl(scopeMetrics.getSchemaUrl());
                    }
                    scope.addMetrics(filtered);
                    keptHere += points(filtered);
                }
            }
            if (keptHere > 0) {
                out.add(resource.build());
                kept += keptHere;
            }
        }
        if (!changed) {
            return new Filtered<>(request, total, kept);
        }
        return new Filtered<>(ExportMetricsServiceRequest.newBuilder().addAllResourceMetrics(out).build(), total, kept);
    }

    static int count(ResourceMetrics resourceMetrics) {
        int points = 0;
        for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
            for (Metric metric : scopeMetrics.getMetricsList()) {
                points += points(metric);
            }
        }
        return points;
    }

    static int points(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }

    /** The metric with the data points the pipeline keeps, edited; null when it keeps none. */
    private static Metric metric(Pipeline pipeline, Pipeline.Decision decision, Metric metric) {
        AttributeEdits edits = pipeline.edits();
        return switch (metric.getDataCase()) {
            case GAUGE -> {
                List<NumberDataPoint> kept = keep(pipeline, decision, metric.getGauge().getDataPointsList(),
                        NumberDataPoint::getAttributesList, MetricFilter::number);
                yield kept.isEmpty() ? null : metric.toBuilder()
                        .setGauge(metric.getGauge().toBuilder().clearDataPoints().addAllDataPoints(kept)).build();
            }
            case SUM -> {
                List<NumberDataPoint> kept = keep(pipeline, decision, metric.getSum().getDataPointsList(),
                        NumberDataPoint::getAttributesList, MetricFilter::number);
                yield kept.isEmpty() ? null : metric.toBuilder()
                        .setSum(metric.getSum().toBuilder().clearDataPoints().addAllDataPoints(kept)).build();
            }
            case HISTOGRAM -> {
                List<HistogramDataPoint> kept = keep(pipeline, decision, metric.getHistogram().getDataPointsList(),
                        HistogramDataPoint::getAttributesList, MetricFilter::histogram);
                yield kept.isEmpty() ? null : metric.toBuilder()
                        .setHistogram(metric.getHistogram().toBuilder().clearDataPoints().addAllDataPoints(kept)).build();
            }
            case EXPONENTIAL_HISTOGRAM -> {
                List<ExponentialHistogramDataPoint> kept = keep(pipeline, decision,
                        metric.getExponentialHistogram().getDataPointsList(),
                        ExponentialHistogramDataPoint::getAttributesList, MetricFilter::exponential);
                yield kept.isEmpty() ? null : metric.toBuilder().setExponentialHistogram(metric.getExponentialHistogram()
                        .toBuilder().clearDataPoints().addAllDataPoints(kept)).build();
            }
            case SUMMARY -> {
                List<SummaryDataPoint> kept = keep(pipeline, decision, metric.getSummary().getDataPointsList(),
                        SummaryDataPoint::getAttributesList, (e, p) -> {
                            List<KeyValue> edited = e.apply(p.getAttributesList());
                            return edited == p.getAttributesList() ? p
                                    : p.toBuilder().clearAttributes().addAllAttributes(edited).build();
                        });
                yield kept.isEmpty() ? null : metric.toBuilder()
                        .setSummary(metric.getSummary().toBuilder().clearDataPoints().addAllDataPoints(kept)).build();
            }
            case DATA_NOT_SET -> null;
        };
    }

    private static <P> List<P> keep(Pipeline pipeline, Pipeline.Decision decision, List<P> points,
            Function<P, List<KeyValue>> attributes, BiFunction<AttributeEdits, P, P> edit) {
        List<P> kept = new ArrayList<>(points.size());
        for (P point : points) {
            if (decision.verdict() == Pipeline.Verdict.PER_ITEM && !pipeline.keeps(decision, attributes.apply(point))) {
                continue;
            }
            kept.add(pipeline.edits().any() ? edit.apply(pipeline.edits(), point) : point);
        }
        return kept;
    }

    private static NumberDataPoint number(AttributeEdits edits, NumberDataPoint point) {
        List<KeyValue> edited = edits.apply(point.getAttributesList());
        List<Exemplar> exemplars = exemplars(edits, point.getExemplarsList());
        if (edited == point.getAttributesList() && exemplars == point.getExemplarsList()) {
            return point;
        }
        return point.toBuilder().clearAttributes().addAllAttributes(edited)
                .clearExemplars().addAllExemplars(exemplars).build();
    }

    private static HistogramDataPoint histogram(AttributeEdits edits, HistogramDataPoint point) {
        List<KeyValue> edited = edits.apply(point.getAttributesList());
        List<Exemplar> exemplars = exemplars(edits, point.getExemplarsList());
        if (edited == point.getAttributesList() && exemplars == point.getExemplarsList()) {
            return point;
        }
        return point.toBuilder().clearAttributes().addAllAttributes(edited)
                .clearExemplars().addAllExemplars(exemplars).build();
    }

    private static ExponentialHistogramDataPoint exponential(AttributeEdits edits, ExponentialHistogramDataPoint point) {
        List<KeyValue> edited = edits.apply(point.getAttributesList());
        List<Exemplar> exemplars = exemplars(edits, point.getExemplarsList());
        if (edited == point.getAttributesList() && exemplars == point.getExemplarsList()) {
            return point;
        }
        return point.toBuilder().clearAttributes().addAllAttributes(edited)
                .clearExemplars().addAllExemplars(exemplars).build();
    }

    private static List<Exemplar> exemplars(AttributeEdits edits, List<Exemplar> exemplars) {
        List<Exemplar> edited = null;
        for (int i = 0; i < exemplars.size(); i++) {
            Exemplar exemplar = exemplars.get(i);
            List<KeyValue> attributes = edits.apply(exemplar.getFilteredAttributesList());
            if (attributes != exemplar.getFilteredAttributesList()) {
                if (edited == null) {
                    edited = new ArrayList<>(exemplars);
                }
                edited.set(i, exemplar.toBuilder().clearFilteredAttributes().addAllFilteredAttributes(attributes).build());
            }
        }
        return edited == null ? exemplars : edited;
    }

    private static boolean touched(AttributeEdits edits, ResourceMetrics resourceMetrics) {
        if (!edits.any()) {
            return false;
        }
        if (edits.touches(resourceMetrics.getResource().getAttributesList())) {
            return true;
        }
        for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
            if (edits.touches(scopeMetrics.getScope().getAttributesList())) {
                return true;
            }
            for (Metric metric : scopeMetrics.getMetricsList()) {
                if (touched(edits, metric)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean touched(AttributeEdits edits, Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsList().stream()
                    .anyMatch(p -> edits.touches(p.getAttributesList()) || exemplarsTouched(edits, p.getExemplarsList()));
            case SUM -> metric.getSum().getDataPointsList().stream()
                    .anyMatch(p -> edits.touches(p.getAttributesList()) || exemplarsTouched(edits, p.getExemplarsList()));
            case HISTOGRAM -> metric.getHistogram().getDataPointsList().stream()
                    .anyMatch(p -> edits.touches(p.getAttributesList()) || exemplarsTouched(edits, p.getExemplarsList()));
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsList().stream()
                    .anyMatch(p -> edits.touches(p.getAttributesList()) || exemplarsTouched(edits, p.getExemplarsList()));
            case SUMMARY -> metric.getSummary().getDataPointsList().stream()
                    .anyMatch(p -> edits.touches(p.getAttributesList()));
            case DATA_NOT_SET -> false;
        };
    }

    private static boolean exemplarsTouched(AttributeEdits edits, List<Exemplar> exemplars) {
        for (Exemplar exemplar : exemplars) {
            if (edits.touches(exemplar.getFilteredAttributesList())) {
                return true;
            }
        }
        return false;
    }
}
