package dev.vigil.query.metric;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of the metrics API. */
final class MetricModel {

    private MetricModel() {
    }

    @Schema(name = "Metric")
    record Metric(String name,
            @Schema(description = "gauge, counter (monotonic sum), sum, histogram, exponential_histogram, summary")
            String type,
            String unit,
            String description,
            @Schema(description = "Point attribute keys seen in the window") List<String> labelKeys,
            @Schema(description = "Resource attribute keys seen in the window; filter and group by them as "
                    + "resource.KEY") List<String> resourceKeys) {
    }

    @Schema(name = "MetricPage")
    record MetricPage(List<Metric> metrics,
            @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last page")
            String nextCursor) {
    }

    @Schema(name = "MetricPoint")
    record Point(@Schema(description = "Bucket start, RFC 3339") String time,
            @Schema(nullable = true, description = "null where the bucket has no data (a quantile of no samples)")
            Double value) {
    }

    @Schema(name = "MetricSeries")
    record Series(@Schema(description = "The groupBy labels and their values") Map<String, String> labels,
            List<Point> points) {
    }

    @Schema(name = "MetricQueryResult")
    record Result(String name, String type, String unit, String aggregation, long stepSeconds, String from, String to,
            List<Series> series) {
    }
}
