package dev.vigil.query.metric;

import dev.vigil.http.error.ApiException;
import java.util.Locale;
import java.util.Set;

/** What {@code agg} may ask for, and of which metric types. */
enum MetricAggregation {
    SUM("sum(Value)"), AVG("avg(Value)"), MIN("min(Value)"), MAX("max(Value)"), COUNT("count()"),
    RATE(null), P50(null), P90(null), P95(null), P99(null);

    /** The SQL aggregate over Value for point aggregations; a constant, never input. */
    final String sql;

    MetricAggregation(String sql) {
        this.sql = sql;
    }

    boolean isQuantile() {
        return name().startsWith("P");
    }

    double level() {
        return Integer.parseInt(name().substring(1)) / 100.0;
    }

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static final Set<String> POINT_TYPES = Set.of("gauge", "counter", "sum");

    /** Parses {@code agg} for a metric of {@code type}; absent: the usual one for the type. */
    static MetricAggregation of(String raw, String type) {
        if (raw == null || raw.isEmpty()) {
            return switch (type) {
                case "counter" -> RATE;
                case "histogram" -> P50;
                case "gauge" -> AVG;
                default -> SUM;
            };
        }
        MetricAggregation agg;
        try {
            agg = valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("query", "agg",
                    "must be one of sum, avg, min, max, count, rate, p50, p90, p95, p99");
        }
        boolean fits = switch (agg) {
            // Of a histogram: the rate of its observations, e.g. requests per second of a request duration.
            case RATE -> type.equals("counter") || type.equals("histogram");
            case P50, P90, P95, P99 -> type.equals("histogram");
            default -> POINT_TYPES.contains(type);
        };
        if (!fits) {
            throw ApiException.invalidParameter("query", "agg", agg.apiName() + " does not apply to a " + type
                    + " metric" + (type.equals("histogram") ? "; use rate, p50, p90, p95 or p99" : ""));
        }
        return agg;
    }
}
