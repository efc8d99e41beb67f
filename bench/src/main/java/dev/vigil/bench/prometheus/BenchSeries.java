package dev.vigil.bench.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The samples both servers get: what ten scraped targets of a small HTTP service expose, every {@code step} ms —
 * request counters by route and code, a request-duration histogram by route, and a memory gauge. Values come from
 * a seeded generator, so every run writes the same samples for the same times relative to its start.
 */
final class BenchSeries {
    static final String REQUESTS = "bench_http_requests_total";
    static final String DURATION = "bench_http_request_duration_seconds";
    static final String MEMORY = "bench_process_resident_memory_bytes";

    private static final String[] ROUTES = {"/api/cart", "/api/checkout", "/api/items", "/api/users"};
    private static final String[] BUCKETS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "+Inf"};
    private static final double[] BUCKET_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, Double.POSITIVE_INFINITY};
    private static final int JOBS = 5;
    private static final int INSTANCES_PER_JOB = 2;

    /** One series: its labels ({@code __name__} included, sorted by name) and how its value moves. */
    record Series(Map<String, String> labels, Kind kind, int route, int bucket) {
    }

    enum Kind { REQUESTS_OK, REQUESTS_ERROR, BUCKET, SUM, COUNT, MEMORY }

    private final List<Series> series = new ArrayList<>();

    BenchSeries() {
        for (int job = 0; job < JOBS; job++) {
            for (int instance = 0; instance < INSTANCES_PER_JOB; instance++) {
                String jobName = "api-" + job;
                String address = "10.0." + job + "." + (instance + 1) + ":8080";
                for (int r = 0; r < ROUTES.length; r++) {
                    add(labels(REQUESTS, jobName, address, "route", ROUTES[r], "code", "200"), Kind.REQUESTS_OK, r, -1);
                    add(labels(REQUESTS, jobName, address, "route", ROUTES[r], "code", "500"), Kind.REQUESTS_ERROR, r, -1);
                    for (int b = 0; b < BUCKETS.length; b++) {
                        add(labels(DURATION + "_bucket", jobName, address, "route", ROUTES[r], "le", BUCKETS[b]), Kind.BUCKET, r, b);
                    }
                    add(labels(DURATION + "_sum", jobName, address, "route", ROUTES[r]), Kind.SUM, r, -1);
                    add(labels(DURATION + "_count", jobName, address, "route", ROUTES[r]), Kind.COUNT, r, -1);
                }
                add(labels(MEMORY, jobName, address), Kind.MEMORY, -1, -1);
            }
        }
    }

    List<Series> all() {
        return series;
    }

    private void add(Map<String, String> labels, Kind kind, int route, int bucket) {
        series.add(new Series(labels, kind, route, bucket));
    }

    private static Map<String, String> labels(String name, String job, String instance, String... more) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("__name__", name);
        labels.put("job", job);
        labels.put("instance", instance);
        for (int i = 0; i < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return labels;
    }

    /**
     * The values of every series at each of {@code steps} consecutive scrapes, as [step][series]. Counters start
     * at zero at the first step; the histogram's buckets, sum and count agree with each other at every step.
     */
    double[][] values(int steps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int targets = JOBS * INSTANCES_PER_JOB;
        double[][] values = new double[steps][series.size()];
        // Running totals per target and route: requests ok/error, per bucket counts, duration sum.
        double[][] ok = new double[targets][ROUTES.length];
        double[][] errors = new double[targets][ROUTES.length];
        double[][][] buckets = new double[targets][ROUTES.length][BUCKETS.length];
        double[][] sums = new double[targets][ROUTES.length];
        for (int step = 0; step < steps; step++) {
            for (int t = 0; t < targets; t++) {
                for (int r = 0; r < ROUTES.length; r++) {
                    // A daily cycle plus noise: 50 to 150 requests per scrape interval.
                    double cycle = 1 + 0.5 * Math.sin(2 * Math.PI * step / 5760.0 + t);
                    int requests = (int) (100 * cycle * (0.8 + 0.4 * random.nextDouble()));
                    int failed = random.nextDouble() < 0.1 ? random.nextInt(1, 10) : 0;
                    ok[t][r] += requests - failed;
                    errors[t][r] += failed;
                    for (int i = 0; i < requests; i++) {
                        double seconds = 0.002 * Math.exp(random.nextDouble() * 6.5 + r * 0.3);
                        sums[t][r] += seconds;
                        for (int b = 0; b < BUCKETS.length; b++) {
                            if (seconds <= BUCKET_BOUNDS[b]) {
                                buckets[t][r][b]++;
                            }
                        }
                    }
                }
            }
            double[] row = values[step];
            int index = 0;
            for (Series s : series) {
                int target = index / perTarget();
                row[index++] = switch (s.kind()) {
                    case REQUESTS_OK -> ok[target][s.route()];
                    case REQUESTS_ERROR -> errors[target][s.route()];
                    case BUCKET -> buckets[target][s.route()][s.bucket()];
                    case SUM -> sums[target][s.route()];
                    case COUNT -> buckets[target][s.route()][BUCKETS.length - 1];
                    case MEMORY -> 200e6 + 50e6 * Math.sin(2 * Math.PI * step / 960.0 + target) + 1e6 * random.nextDouble();
                };
            }
        }
        return values;
    }

    private static int perTarget() {
        return ROUTES.length * (2 + BUCKETS.length + 2) + 1;
    }
}
