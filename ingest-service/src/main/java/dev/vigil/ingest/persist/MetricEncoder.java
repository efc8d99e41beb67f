package dev.vigil.ingest.persist;

import com.google.protobuf.ByteString;
import dev.vigil.ingest.clickhouse.EncodedMetrics;
import dev.vigil.ingest.clickhouse.RowBinaryBuffer;
import dev.vigil.ingest.clickhouse.RowsEncoder;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns an OTLP metrics export into rows of the five {@code otel_metrics_*} tables, one per data point, in RowBinary
 * and in the column order of {@code MetricTableWriter}'s column lists, as the Collector's exporter writes them: integer
 * values as Float64, absent sums, minimums and maximums as 0, exemplar ids as hex of their full width even when zero.
 *
 * <p>The columns every point of a metric shares (its resource, scope, service, name, description and unit) are
 * encoded once per metric and copied into each point's row: encoding them for every point, from a row object per
 * point, took most of the persist stage's CPU for data points (docs/performance.md, "Ingest").
 */
final class MetricEncoder {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SERVICE_NAME = "service.name";

    private final RowsEncoder gauges = new RowsEncoder(4096);
    private final RowsEncoder sums = new RowsEncoder(4096);
    private final RowsEncoder histograms = new RowsEncoder(4096);
    private final RowsEncoder exponentialHistograms = new RowsEncoder(256);
    private final RowsEncoder summaries = new RowsEncoder(256);
    /** ResourceAttributes … MetricUnit of the metric being encoded. */
    private final RowBinaryBuffer shared = new RowBinaryBuffer(1024);

    private MetricEncoder() {
    }

    static EncodedMetrics encode(ExportMetricsServiceRequest request) {
        MetricEncoder encoder = new MetricEncoder();
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            Map<String, String> resource = AttributeStrings.of(resourceMetrics.getResource().getAttributesList());
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    encoder.metric(resource, resourceMetrics.getSchemaUrl(), scopeMetrics, metric);
                }
            }
        }
        return new EncodedMetrics(encoder.gauges.encoded(), encoder.sums.encoded(), encoder.histograms.encoded(),
                encoder.exponentialHistograms.encoded(), encoder.summaries.encoded());
    }

    private void metric(Map<String, String> resource, String resourceSchemaUrl, ScopeMetrics scopeMetrics,
            Metric metric) {
        InstrumentationScope scope = scopeMetrics.getScope();
        shared.truncate(0);
        shared.map(resource);
        shared.string(resourceSchemaUrl);
        shared.string(scope.getName());
        shared.string(scope.getVersion());
        shared.map(AttributeStrings.of(scope.getAttributesList()));
        shared.int32(scope.getDroppedAttributesCount());
        shared.string(scopeMetrics.getSchemaUrl());
        shared.string(resource.getOrDefault(SERVICE_NAME, ""));
        shared.string(metric.getName());
        shared.string(metric.getDescription());
        shared.string(metric.getUnit());
        switch (metric.getDataCase()) {
            case GAUGE -> {
                for (NumberDataPoint dp : metric.getGauge().getDataPointsList()) {
                    RowBinaryBuffer out = point(gauges, dp.getAttributesList(), dp.getStartTimeUnixNano(),
                            dp.getTimeUnixNano());
                    out.float64(value(dp));
                    out.int32(dp.getFlags());
                    exemplars(out, dp.getExemplarsList());
                    gauges.endRow(dp.getTimeUnixNano());
                }
            }
            case SUM -> {
                var sum = metric.getSum();
                for (NumberDataPoint dp : sum.getDataPointsList()) {
                    RowBinaryBuffer out = point(sums, dp.getAttributesList(), dp.getStartTimeUnixNano(),
                            dp.getTimeUnixNano());
                    out.float64(value(dp));
                    out.int32(dp.getFlags());
                    exemplars(out, dp.getExemplarsList());
                    out.int32(sum.getAggregationTemporalityValue());
                    out.uint8(sum.getIsMonotonic() ? 1 : 0);
                    sums.endRow(dp.getTimeUnixNano());
                }
            }
            case HISTOGRAM -> {
                var histogram = metric.getHistogram();
                for (HistogramDataPoint dp : histogram.getDataPointsList()) {
                    RowBinaryBuffer out = point(histograms, dp.getAttributesList(), dp.getStartTimeUnixNano(),
                            dp.getTimeUnixNano());
                    out.int64(dp.getCount());
                    out.float64(dp.getSum());
                    out.varUInt(dp.getBucketCountsCount());
                    for (int i = 0; i < dp.getBucketCountsCount(); i++) {
                        out.int64(dp.getBucketCounts(i));
                    }
                    out.varUInt(dp.getExplicitBoundsCount());
                    for (int i = 0; i < dp.getExplicitBoundsCount(); i++) {
                        out.float64(dp.getExplicitBounds(i));
                    }
                    exemplars(out, dp.getExemplarsList());
                    out.int32(dp.getFlags());
                    out.float64(dp.getMin());
                    out.float64(dp.getMax());
                    out.int32(histogram.getAggregationTemporalityValue());
                    histograms.endRow(dp.getTimeUnixNano());
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                var histogram = metric.getExponentialHistogram();
                for (ExponentialHistogramDataPoint dp : histogram.getDataPointsList()) {
                    RowBinaryBuffer out = point(exponentialHistograms, dp.getAttributesList(),
                            dp.getStartTimeUnixNano(), dp.getTimeUnixNano());
                    out.int64(dp.getCount());
                    out.float64(dp.getSum());
                    out.int32(dp.getScale());
                    out.int64(dp.getZeroCount());
                    buckets(out, dp.getPositive());
                    buckets(out, dp.getNegative());
                    exemplars(out, dp.getExemplarsList());
                    out.int32(dp.getFlags());
                    out.float64(dp.getMin());
                    out.float64(dp.getMax());
                    out.int32(histogram.getAggregationTemporalityValue());
                    exponentialHistograms.endRow(dp.getTimeUnixNano());
                }
            }
            case SUMMARY -> {
                for (SummaryDataPoint dp : metric.getSummary().getDataPointsList()) {
                    RowBinaryBuffer out = point(summaries, dp.getAttributesList(), dp.getStartTimeUnixNano(),
                            dp.getTimeUnixNano());
                    out.int64(dp.getCount());
                    out.float64(dp.getSum());
                    int quantiles = dp.getQuantileValuesCount();
                    out.varUInt(quantiles);
                    for (int i = 0; i < quantiles; i++) {
                        out.float64(dp.getQuantileValues(i).getQuantile());
                    }
                    out.varUInt(quantiles);
                    for (int i = 0; i < quantiles; i++) {
                        out.float64(dp.getQuantileValues(i).getValue());
                    }
                    out.int32(dp.getFlags());
                    summaries.endRow(dp.getTimeUnixNano());
                }
            }
            case DATA_NOT_SET -> {
                // A metric without data has no point to store; the exporter skips it too.
            }
        }
    }

    /** Starts a point's row: the metric's shared columns, then Attributes, StartTimeUnix and TimeUnix. */
    private RowBinaryBuffer point(RowsEncoder table, List<KeyValue> attributes, long start, long time) {
        RowBinaryBuffer out = table.buffer();
        out.append(shared);
        out.map(AttributeStrings.of(attributes));
        out.dateTime(start);
        out.dateTime(time);
        return out;
    }

    /** Offset, then bucket counts: PositiveOffset, PositiveBucketCounts (or the negative ones). */
    private static void buckets(RowBinaryBuffer out, ExponentialHistogramDataPoint.Buckets buckets) {
        out.int32(buckets.getOffset());
        out.varUInt(buckets.getBucketCountsCount());
        for (int i = 0; i < buckets.getBucketCountsCount(); i++) {
            out.int64(buckets.getBucketCounts(i));
        }
    }

    /** The Nested column as its five parallel arrays. */
    private static void exemplars(RowBinaryBuffer out, List<Exemplar> exemplars) {
        out.varUInt(exemplars.size());
        for (Exemplar e : exemplars) {
            out.map(AttributeStrings.of(e.getFilteredAttributesList()));
        }
        out.varUInt(exemplars.size());
        for (Exemplar e : exemplars) {
            out.dateTime(e.getTimeUnixNano());
        }
        out.varUInt(exemplars.size());
        for (Exemplar e : exemplars) {
            out.float64(switch (e.getValueCase()) {
                case AS_DOUBLE -> e.getAsDouble();
                case AS_INT -> e.getAsInt();
                case VALUE_NOT_SET -> 0;
            });
        }
        out.varUInt(exemplars.size());
        for (Exemplar e : exemplars) {
            out.string(fullHex(e.getSpanId(), 8));
        }
        out.varUInt(exemplars.size());
        for (Exemplar e : exemplars) {
            out.string(fullHex(e.getTraceId(), 16));
        }
    }

    static double value(NumberDataPoint dp) {
        return switch (dp.getValueCase()) {
            case AS_DOUBLE -> dp.getAsDouble();
            case AS_INT -> dp.getAsInt();
            case VALUE_NOT_SET -> 0;
        };
    }

    /** pdata's ids are fixed-width arrays: an absent id reads as zeros, and the exporter writes them all. */
    static String fullHex(ByteString id, int width) {
        if (id.isEmpty()) {
            return "0".repeat(width * 2);
        }
        return HEX.formatHex(id.toByteArray());
    }
}
