package dev.vigil.bench.metrics;

import static dev.vigil.bench.ingest.OtlpValues.string;
import static dev.vigil.bench.ingest.OtlpValues.integer;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The metrics benchmark's exports, as an SDK sends them every interval: each request is one collection of
 * {@value #SERVICES} services of the run, each with {@value #GAUGE_SERIES} gauge series (memory by pool and host),
 * {@value #SUM_SERIES} cumulative sum series (requests by method, route and status) and {@value #HISTOGRAM_SERIES}
 * histogram series (request duration by route, {@value #BUCKETS} buckets): {@value #POINTS_PER_REQUEST} data points.
 * Successive requests are successive seconds, ending now.
 */
final class MetricRequests {
    static final int SERVICES = 5;
    static final int GAUGE_SERIES = 40;
    static final int SUM_SERIES = 40;
    static final int HISTOGRAM_SERIES = 20;
    static final int BUCKETS = 10;
    static final int POINTS_PER_REQUEST = SERVICES * (GAUGE_SERIES + SUM_SERIES + HISTOGRAM_SERIES);
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final String[] ROUTES = {"/api/cart", "/api/cart/{id}", "/api/checkout", "/api/products",
        "/api/products/{id}", "/api/users/{id}", "/api/orders", "/api/payments", "/api/search", "/api/login"};
    private static final double[] BOUNDS = {5, 10, 25, 50, 75, 100, 250, 500, 1000};

    private MetricRequests() {
    }

    /** What the names of a run's services start with; no other run's do. */
    static String servicePrefix(String run) {
        return "benchmetric-" + run + "-";
    }

    static List<ExportMetricsServiceRequest> build(String run, int requests, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long nowSeconds = System.currentTimeMillis() / 1000;
        long start = (nowSeconds - requests - 3600) * 1_000_000_000L;
        List<ExportMetricsServiceRequest> out = new ArrayList<>(requests);
        for (int r = 0; r < requests; r++) {
            long time = (nowSeconds - requests + r) * 1_000_000_000L;
            ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
            for (int s = 0; s < SERVICES; s++) {
                String service = servicePrefix(run) + "svc" + s;
                request.addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(string("service.name", service))
                                .addAttributes(string("k8s.namespace.name", "bench"))
                                .addAttributes(string("k8s.pod.name", service + "-7d9f8c6b5-x" + s)))
                        .addScopeMetrics(ScopeMetrics.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("dev.vigil.bench.Metrics"))
                                .addMetrics(gauge(random, start, time))
                                .addMetrics(sum(random, start, time, r))
                                .addMetrics(histogram(random, start, time, r))));
            }
            out.add(request.build());
        }
        return out;
    }

    private static Metric gauge(SplittableRandom random, long start, long time) {
        Gauge.Builder gauge = Gauge.newBuilder();
        for (int i = 0; i < GAUGE_SERIES; i++) {
            gauge.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(start).setTimeUnixNano(time)
                    .setAsDouble(1e8 + random.nextInt(100_000_000))
                    .addAttributes(string("pool", "pool-" + i % 8))
                    .addAttributes(string("host.name", "node-" + i / 8)));
        }
        return Metric.newBuilder().setName("bench.memory.used").setUnit("By").setGauge(gauge).build();
    }

    private static Metric sum(SplittableRandom random, long start, long time, int step) {
        Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        for (int i = 0; i < SUM_SERIES; i++) {
            sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(start).setTimeUnixNano(time)
                    .setAsInt(step * 20L + random.nextInt(20))
                    .addAttributes(string("http.request.method", METHODS[i % METHODS.length]))
                    .addAttributes(string("http.route", ROUTES[i % ROUTES.length]))
                    .addAttributes(integer("http.response.status_code", i % 20 == 0 ? 500 : 200)));
        }
        return Metric.newBuilder().setName("bench.http.server.requests").setSum(sum).build();
    }

    private static Metric histogram(SplittableRandom random, long start, long time, int step) {
        Histogram.Builder histogram = Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        for (int i = 0; i < HISTOGRAM_SERIES; i++) {
            HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setStartTimeUnixNano(start)
                    .setTimeUnixNano(time).addAllExplicitBounds(boundsList())
                    .addAttributes(string("http.route", ROUTES[i % ROUTES.length]))
                    .addAttributes(string("http.request.method", METHODS[i % 2]));
            long count = 0;
            for (int b = 0; b < BUCKETS; b++) {
                long n = (long) step * (BUCKETS - b) + random.nextInt(5);
                point.addBucketCounts(n);
                count += n;
            }
            histogram.addDataPoints(point.setCount(count).setSum(count * 42.0));
        }
        return Metric.newBuilder().setName("bench.http.server.request.duration").setUnit("ms")
                .setHistogram(histogram).build();
    }

    private static List<Double> boundsList() {
        List<Double> bounds = new ArrayList<>(BOUNDS.length);
        for (double b : BOUNDS) {
            bounds.add(b);
        }
        return bounds;
    }
}
