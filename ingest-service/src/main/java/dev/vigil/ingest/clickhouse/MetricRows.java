package dev.vigil.ingest.clickhouse;

import java.util.List;
import java.util.Map;

/**
 * The rows of the five {@code otel_metrics_*} tables that one export request turns into, one row per data point, in
 * the exporter's column semantics, until {@link MetricTableWriter#encode} writes them. Lists and maps may be shared;
 * no one mutates them.
 */
public record MetricRows(
        List<Gauge> gauges,
        List<Sum> sums,
        List<Histogram> histograms,
        List<ExponentialHistogram> exponentialHistograms,
        List<Summary> summaries) {

    /** The columns every metrics table has: where the point comes from, what it measures, and when. */
    public record Point(
            Map<String, String> resourceAttributes,
            String resourceSchemaUrl,
            String scopeName,
            String scopeVersion,
            Map<String, String> scopeAttributes,
            int scopeDroppedAttrCount,
            String scopeSchemaUrl,
            String serviceName,
            String metricName,
            String metricDescription,
            String metricUnit,
            Map<String, String> attributes,
            long startTimeUnixNanos,
            long timeUnixNanos,
            int flags) {
    }

    /** Ids as lowercase hex of their full width, zeros included, as the exporter writes exemplars. */
    public record Exemplar(Map<String, String> filteredAttributes, long timeUnixNanos, double value, String spanId,
            String traceId) {
    }

    public record Gauge(Point point, double value, List<Exemplar> exemplars) {
    }

    public record Sum(Point point, double value, List<Exemplar> exemplars, int aggregationTemporality,
            boolean isMonotonic) {
    }

    public record Histogram(Point point, long count, double sum, List<Long> bucketCounts, List<Double> explicitBounds,
            List<Exemplar> exemplars, double min, double max, int aggregationTemporality) {
    }

    public record ExponentialHistogram(Point point, long count, double sum, int scale, long zeroCount,
            int positiveOffset, List<Long> positiveBucketCounts, int negativeOffset, List<Long> negativeBucketCounts,
            List<Exemplar> exemplars, double min, double max, int aggregationTemporality) {
    }

    public record Summary(Point point, long count, double sum, List<Double> quantiles, List<Double> values) {
    }
}
