package dev.vigil.health.cluster;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A usage series by minute (epoch second of the minute's start to the average within it), with the hour's
 * average and peak. For one series they come from the raw samples; for a sum of series ({@link #asGroup()})
 * from the per-minute sums, since pods' samples do not line up to the second.
 */
record MinuteSeries(Map<Long, Double> minutes, Double average, Double peak) {

    private static final MinuteSeries EMPTY = new MinuteSeries(Map.of(), null, null);

    MinuteSeries {
        minutes = Collections.unmodifiableMap(new TreeMap<>(minutes));
    }

    static MinuteSeries of(List<MinuteSample> samples) {
        if (samples.isEmpty()) {
            return EMPTY;
        }
        Map<Long, Double> minutes = new TreeMap<>();
        double total = 0;
        long count = 0;
        double peak = Double.NEGATIVE_INFINITY;
        for (MinuteSample s : samples) {
            minutes.merge(s.minute(), s.average(), Double::sum);
            total += s.total();
            count += s.samples();
            peak = Math.max(peak, s.peak());
        }
        return new MinuteSeries(minutes, total / count, peak);
    }

    static MinuteSeries ofHistory(List<HistoryPoint> history, Function<HistoryPoint, Double> value) {
        Map<Long, Double> minutes = new TreeMap<>();
        for (HistoryPoint point : history) {
            Double v = value.apply(point);
            if (v != null) {
                minutes.put(point.minute().getEpochSecond(), v);
            }
        }
        return new MinuteSeries(minutes, null, null).asGroup();
    }

    /** The per-minute sum of {@code series}, judged as a group. */
    static MinuteSeries sum(List<MinuteSeries> series) {
        Map<Long, Double> minutes = new TreeMap<>();
        for (MinuteSeries s : series) {
            s.minutes().forEach((minute, value) -> minutes.merge(minute, value, Double::sum));
        }
        return new MinuteSeries(minutes, null, null).asGroup();
    }

    /** The same minutes, with the average and peak taken over the minutes rather than the raw samples. */
    MinuteSeries asGroup() {
        if (minutes.isEmpty()) {
            return EMPTY;
        }
        double total = 0;
        double peak = Double.NEGATIVE_INFINITY;
        for (double v : minutes.values()) {
            total += v;
            peak = Math.max(peak, v);
        }
        return new MinuteSeries(minutes, total / minutes.size(), peak);
    }
}
