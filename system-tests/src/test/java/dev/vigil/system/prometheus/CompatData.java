package dev.vigil.system.prometheus;

import dev.vigil.system.prometheus.RemoteWrite.Sample;
import dev.vigil.system.prometheus.RemoteWrite.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The suite's samples: deterministic series on a 15 s grid of whole seconds from {@code baseMs}, {@value #STEPS} steps
 * (50 minutes). Counters with resets, gauges, classic histograms, several jobs and instances, a series that stops with
 * a stale marker, one that starts late and one that is sparse (so only the 5-minute lookback bridges its gaps). All
 * metric names start with {@code pc_}.
 */
final class CompatData {
    static final int STEPS = 200;
    static final long STEP_MS = 15_000;
    private static final double[] BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, Double.POSITIVE_INFINITY};

    private final long baseMs;
    private final List<TimeSeries> series = new ArrayList<>();

    CompatData(long baseMs) {
        this.baseMs = baseMs;
        int n = 0;
        for (String instance : List.of("a:80", "b:80")) {
            for (String method : List.of("GET", "POST")) {
                for (String code : List.of("200", "500")) {
                    int resetAt = instance.equals("a:80") ? (method.equals("GET") ? 80 : 150) : -1;
                    add(counter(n++, resetAt), "pc_http_requests_total", "job", "api", "instance", instance, "method", method,
                            "code", code);
                }
            }
            histogram(instance);
        }
        add(counter(n, 60), "pc_http_requests_total", "job", "web", "instance", "w1:80", "method", "GET", "code", "200");
        for (String instance : List.of("n1:9100", "n2:9100", "n3:9100")) {
            int phase = instance.charAt(1) - '0';
            add(i -> 40 + 10 * Math.sin((i + 7 * phase) / 9.0), 0, STEPS, "pc_cpu_temp_celsius", "job", "node", "instance", instance);
            add(i -> (double) (1_000_000L * phase + 4096L * ((i * phase) % 13)), 0, STEPS, "pc_memory_bytes", "job", "node",
                    "instance", instance, "zone", phase % 2 == 0 ? "even" : "odd");
        }
        // Stops at step 100: a stale marker at step 101 ends it at once, without waiting out the lookback.
        List<Sample> batch = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            batch.add(new Sample(i * 2.5, at(i)));
        }
        batch.add(new Sample(RemoteWrite.STALE_NAN, at(101)));
        series.add(new TimeSeries(labels("pc_batch_progress", "job", "batch", "instance", "cron:1"), batch));
        add(i -> i - 120.0, 120, STEPS, "pc_late_gauge", "job", "late", "instance", "late:1");
        // One sample every 4 minutes (16 steps): present through the lookback between them, gone 5 minutes after the last.
        List<Sample> sparse = new ArrayList<>();
        for (int i = 0; i < 150; i += 16) {
            sparse.add(new Sample(100 - i / 4.0, at(i)));
        }
        series.add(new TimeSeries(labels("pc_sparse_gauge", "job", "node", "instance", "n1:9100"), sparse));
    }

    private interface Value {
        double at(int step);
    }

    /**
     * Counter {@code n}: grows by 1..5 and n/32 per step, falls to a small value at {@code resetAt} and grows again. No two
     * counters are equal at any step, so topk and bottomk have no ties to break (which Prometheus leaves unspecified).
     */
    private static Value counter(int n, int resetAt) {
        int seed = 50 + 7 * n;
        double[] values = new double[STEPS];
        double v = seed;
        for (int i = 0; i < STEPS; i++) {
            v = i == resetAt ? n * 0.5 + 0.25 : v + 1 + ((i * 7 + seed) % 5) + n / 32.0;
            values[i] = v;
        }
        return i -> values[i];
    }

    private void histogram(String instance) {
        double[] counts = new double[BUCKETS.length];
        double[][] bucketValues = new double[BUCKETS.length][STEPS];
        double[] sums = new double[STEPS];
        double sum = 0;
        int factor = instance.equals("a:80") ? 1 : 3;
        for (int i = 0; i < STEPS; i++) {
            for (int n = 0; n < 4 + (i % 3); n++) {
                double observation = ((i * 13 + n * 29) * factor % 100) / 40.0;
                sum += observation;
                for (int b = 0; b < BUCKETS.length; b++) {
                    if (observation <= BUCKETS[b]) {
                        counts[b]++;
                    }
                }
            }
            for (int b = 0; b < BUCKETS.length; b++) {
                bucketValues[b][i] = counts[b];
            }
            sums[i] = sum;
        }
        for (int b = 0; b < BUCKETS.length; b++) {
            double[] v = bucketValues[b];
            String le = Double.isInfinite(BUCKETS[b]) ? "+Inf" : BUCKETS[b] == Math.rint(BUCKETS[b]) ? Long.toString((long) BUCKETS[b])
                    : Double.toString(BUCKETS[b]);
            add(i -> v[i], 0, STEPS, "pc_request_duration_seconds_bucket", "job", "api", "instance", instance, "le", le);
        }
        double[] total = bucketValues[BUCKETS.length - 1];
        add(i -> total[i], 0, STEPS, "pc_request_duration_seconds_count", "job", "api", "instance", instance);
        add(i -> sums[i], 0, STEPS, "pc_request_duration_seconds_sum", "job", "api", "instance", instance);
    }

    private void add(Value value, String name, String... pairs) {
        add(value, 0, STEPS, name, pairs);
    }

    private void add(Value value, int from, int to, String name, String... pairs) {
        List<Sample> samples = new ArrayList<>();
        for (int i = from; i < to; i++) {
            samples.add(new Sample(value.at(i), at(i)));
        }
        series.add(new TimeSeries(labels(name, pairs), samples));
    }

    private static Map<String, String> labels(String name, String... pairs) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("__name__", name);
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    long at(int step) {
        return baseMs + step * STEP_MS;
    }

    /** Every series cut to the steps [from, to), for sending in time order. */
    List<TimeSeries> window(int from, int to) {
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries ts : series) {
            List<Sample> in = ts.samples().stream().filter(s -> s.timestampMs() >= at(from) && s.timestampMs() < at(to)).toList();
            if (!in.isEmpty()) {
                out.add(new TimeSeries(ts.labels(), in));
            }
        }
        return out;
    }

    /** Samples that carry a value (stale markers excluded), which is what count_over_time counts. */
    long valueSamples() {
        return series.stream().flatMap(ts -> ts.samples().stream())
                .filter(s -> Double.doubleToRawLongBits(s.value()) != Double.doubleToRawLongBits(RemoteWrite.STALE_NAN)).count();
    }
}
