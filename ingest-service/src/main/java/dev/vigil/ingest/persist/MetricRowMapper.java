package dev.vigil.ingest.persist;

import com.google.protobuf.ByteString;
import dev.vigil.ingest.clickhouse.MetricRows;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns an OTLP metrics export into rows of the five {@code otel_metrics_*} tables, one per data
 * point, as the Collector's exporter does: integer values as Float64, absent sums, minimums and
 * maximums as 0, and exemplar ids as hex of their full width even when zero.
 */
final class MetricRowMapper {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SERVICE_NAME = "service.name";

    private MetricRowMapper() {
    }

    static MetricRows rows(ExportMetricsServiceRequest request) {
        List<MetricRows.Gauge> gauges = new ArrayList<>();
        List<MetricRows.Sum> sums = new ArrayList<>();
        List<MetricRows.Histogram> histograms = new ArrayList<>();
        List<MetricRows.ExponentialHistogram> exponentialHistograms = new ArrayList<>();
        List<MetricRows.Summary> summaries = new ArrayList<>();
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            Map<String, String> resource = AttributeStrings.of(resourceMetrics.getResource().getAttributesList());
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                Source source = new Source(resource, resourceMetrics.getSchemaUrl(), scopeMetrics.getScope(),
                        AttributeStrings.of(scopeMetrics.getScope().getAttributesList()), scopeMetrics.getSchemaUrl());
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    switch (metric.getDataCase()) {
                        case GAUGE -> {
                            for (NumberDataPoint dp : metric.getGauge().getDataPointsList()) {
                                gauges.add(new MetricRows.Gauge(point(source, metric, dp.getAttributesList(),
                                        dp.getStartTimeUnixNano(), dp.getTimeUnixNano(), dp.getFlags()), value(dp),
                                        exemplars(dp.getExemplarsList())));
                            }
                        }
                        case SUM -> {
                            var sum = metric.getSum();
                            for (NumberDataPoint dp : sum.getDataPointsList()) {
                                sums.add(new MetricRows.Sum(point(source, metric, dp.getAttributesList(),
                                        dp.getStartTimeUnixNano(), dp.getTimeUnixNano(), dp.getFlags()), value(dp),
                                        exemplars(dp.getExemplarsList()), sum.getAggregationTemporalityValue(),
                                        sum.getIsMonotonic()));
                            }
                        }
                        case HISTOGRAM -> {
                            var histogram = metric.getHistogram();
                            for (HistogramDataPoint dp : histogram.getDataPointsList()) {
                                histograms.add(new MetricRows.Histogram(point(source, metric, dp.getAttributesList(),
                                        dp.getStartTimeUnixNano(), dp.getTimeUnixNano(), dp.getFlags()), dp.getCount(),
                                        dp.getSum(), List.copyOf(dp.getBucketCountsList()),
                                        List.copyOf(dp.getExplicitBoundsList()), exemplars(dp.getExemplarsList()),
                                        dp.getMin(), dp.getMax(), histogram.getAggregationTemporalityValue()));
                            }
                        }
                        case EXPONENTIAL_HISTOGRAM -> {
                            var histogram = metric.getExponentialHistogram();
                            for (ExponentialHistogramDataPoint dp : histogram.getDataPointsList()) {
                                exponentialHistograms.add(new MetricRows.ExponentialHistogram(point(source, metric,
                                        dp.getAttributesList(), dp.getStartTimeUnixNano(), dp.getTimeUnixNano(),
                                        dp.getFlags()), dp.getCount(), dp.getSum(), dp.getScale(), dp.getZeroCount(),
                                        dp.getPositive().getOffset(), List.copyOf(dp.getPositive().getBucketCountsList()),
                                        dp.getNegative().getOffset(), List.copyOf(dp.getNegative().getBucketCountsList()),
                                        exemplars(dp.getExemplarsList()), dp.getMin(), dp.getMax(),
                                        histogram.getAggregationTemporalityValue()));
                            }
                        }
                        case SUMMARY -> {
                            for (SummaryDataPoint dp : metric.getSummary().getDataPointsList()) {
                                List<Double> quantiles = new ArrayList<>(dp.getQuantileValuesCount());
                                List<Double> values = new ArrayList<>(dp.getQuantileValuesCount());
                                for (SummaryDataPoint.ValueAtQuantile q : dp.getQuantileValuesList()) {
                                    quantiles.add(q.getQuantile());
                                    values.add(q.getValue());
                                }
                                summaries.add(new MetricRows.Summary(point(source, metric, dp.getAttributesList(),
                                        dp.getStartTimeUnixNano(), dp.getTimeUnixNano(), dp.getFlags()), dp.getCount(),
                                        dp.getSum(), quantiles, values));
                            }
                        }
                        case DATA_NOT_SET -> {
                            // A metric without data has no point to store; the exporter skips it too.
                        }
                    }
                }
            }
        }
        return new MetricRows(gauges, sums, histograms, exponentialHistograms, summaries);
    }

    /** What the points of one scope share. */
    private record Source(Map<String, String> resourceAttributes, String resourceSchemaUrl, InstrumentationScope scope,
            Map<String, String> scopeAttributes, String scopeSchemaUrl) {
    }

    private static MetricRows.Point point(Source source, Metric metric, List<KeyValue> attributes, long start, long time,
            int flags) {
        return new MetricRows.Point(source.resourceAttributes(), source.resourceSchemaUrl(), source.scope().getName(),
                source.scope().getVersion(), source.scopeAttributes(), source.scope().getDroppedAttributesCount(),
                source.scopeSchemaUrl(), source.resourceAttributes().getOrDefault(SERVICE_NAME, ""), metric.getName(),
                metric.getDescription(), metric.getUnit(), AttributeStrings.of(attributes), start, time, flags);
    }

    static double value(NumberDataPoint dp) {
        return switch (dp.getValueCase()) {
            case AS_DOUBLE -> dp.getAsDouble();
            case AS_INT -> dp.getAsInt();
            case VALUE_NOT_SET -> 0;
        };
    }

    static List<MetricRows.Exemplar> exemplars(List<Exemplar> exemplars) {
        if (exemplars.isEmpty()) {
            return List.of();
        }
        List<MetricRows.Exemplar> out = new ArrayList<>(exemplars.size());
        for (Exemplar e : exemplars) {
            double value = switch (e.getValueCase()) {
                case AS_DOUBLE -> e.getAsDouble();
                case AS_INT -> e.getAsInt();
                case VALUE_NOT_SET -> 0;
            };
            out.add(new MetricRows.Exemplar(AttributeStrings.of(e.getFilteredAttributesList()), e.getTimeUnixNano(), value,
                    fullHex(e.getSpanId(), 8), fullHex(e.getTraceId(), 16)));
        }
        return out;
    }

    /** pdata's ids are fixed-width arrays: an absent id reads as zeros, and the exporter writes them all. */
    static String fullHex(ByteString id, int width) {
        if (id.isEmpty()) {
            return "0".repeat(width * 2);
        }
        return HEX.formatHex(id.toByteArray());
    }
}
