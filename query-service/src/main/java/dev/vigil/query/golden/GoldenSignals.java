package dev.vigil.query.golden;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Golden signals: a time series of one service (or operation), a summary row per service, every service's summary
 * with its series, or a summary per operation of one service.
 */
public final class GoldenSignals {

    private GoldenSignals() {
    }

    /** The four signals of one bucket, or of a whole range. */
    @Schema(name = "GoldenSignalValues")
    public record Values(
            @Schema(description = "Requests (Server and Consumer spans)") long requests,
            @Schema(description = "Traffic: requests per second") double requestsPerSecond,
            @Schema(description = "Requests with status ERROR") long errors,
            @Schema(description = "Errors per second") double errorsPerSecond,
            @Schema(description = "Errors in percent of requests; 0 without requests") double errorPercent,
            @Schema(description = "Latency quantiles in milliseconds; null without requests", nullable = true)
            Latency latencyMs,
            @Schema(description = "Utilisation of the service's pods; null where no resource metrics exist",
                    nullable = true)
            Saturation saturation) {
    }

    @Schema(name = "GoldenSignalLatency")
    public record Latency(double p50, double p90, double p95, double p99) {
    }

    /** Fractions (0 to 1) of the pods' CPU and memory limits; null parts are unknown. */
    @Schema(name = "Saturation")
    public record Saturation(
            @Schema(nullable = true) Double cpuUtilization,
            @Schema(nullable = true) Double memoryUtilization) {
    }

    /** One bucket of a series: {@code time} is its start, RFC 3339. */
    @Schema(name = "GoldenSignalPoint")
    public record Point(String time, Values values) {
    }

    @Schema(name = "GoldenSignalSeries")
    public record Series(String service,
            @Schema(nullable = true) String operation,
            @Schema(description = "Bucket length in seconds") long stepSeconds,
            @Schema(description = "Start of the first bucket (from, rounded down to a minute)") String from,
            @Schema(description = "End of the last bucket (to, rounded up to a minute)") String to,
            @Schema(description = "Every bucket, empty ones included") List<Point> points) {
    }

    @Schema(name = "GoldenSignalServiceSummary")
    public record ServiceSummary(String service, Values values) {
    }

    @Schema(name = "GoldenSignalSummary")
    public record Summary(String from, String to, List<ServiceSummary> services) {
    }

    /** One service's values over the whole range and per bucket (for a sparkline). */
    @Schema(name = "GoldenSignalServiceSeries")
    public record ServiceSeries(String service,
            @Schema(description = "Over the whole range") Values values,
            @Schema(description = "Every bucket, empty ones included") List<Point> points) {
    }

    /** Every service with requests in the range, by name. */
    @Schema(name = "GoldenSignalServices")
    public record Services(
            @Schema(description = "Start of the first bucket (from, rounded down to a minute)") String from,
            @Schema(description = "End of the last bucket (to, rounded up to a minute)") String to,
            @Schema(description = "Bucket length in seconds") long stepSeconds,
            List<ServiceSeries> services) {
    }

    /** RED of one operation: its spans are its requests; saturation is a pod's, so it is null here. */
    @Schema(name = "GoldenSignalOperation")
    public record OperationSummary(
            @Schema(description = "Span name") String operation,
            @Schema(description = "SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL or UNSPECIFIED") String spanKind,
            Values values) {
    }

    /** The operations of one service, busiest first. */
    @Schema(name = "GoldenSignalOperations")
    public record Operations(String service,
            @Schema(description = "from, rounded down to a minute") String from,
            @Schema(description = "to, rounded up to a minute") String to,
            List<OperationSummary> operations) {
    }
}
