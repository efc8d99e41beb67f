package dev.vigil.promql.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import dev.vigil.promql.Expr.LabelMatcher;
import dev.vigil.promql.FloatText;
import dev.vigil.promql.Labels;
import dev.vigil.promql.QueryException;
import dev.vigil.promql.SampleSource;
import dev.vigil.promql.Series;
import dev.vigil.promql.clickhouse.PrometheusNames.Kind;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.error.ClickHouseFailure;
import dev.vigil.store.query.ServerParameters;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Vigil's stored metrics as Prometheus series. Which OpenTelemetry metrics a selector can reach is decided from the
 * catalogue of the window (their Prometheus names), then only those metrics are read; label matchers are applied to
 * the translated labels, so every matcher kind means what it means in Prometheus.
 *
 * <p>Reads block the calling thread (the engine evaluates synchronously) under every {@code vigil.clickhouse.query.*}
 * cost guard; a failed read is a {@link QueryException} of Prometheus's type {@code unavailable}.
 */
@Singleton
public final class ClickHouseSamples implements SampleSource {
    /** The scope of remote-written points (ingest's OtlpTranslation): their names and labels are Prometheus's already. */
    static final String REMOTE_WRITE_SCOPE = "vigil.prometheus.remote-write";
    private static final String GAUGE_KIND = "if(ScopeName = '" + REMOTE_WRITE_SCOPE + "', 'prometheus', 'gauge')";
    private static final String WINDOW = "TimeUnix >= toDateTime({from:UInt32}) AND TimeUnix <= toDateTime({to:UInt32})";
    /** Sums are counters when monotonic and cumulative, gauges when cumulative only; delta sums have no Prometheus form. */
    private static final String SUM_KIND = "multiIf(AggregationTemporality != 2, 'delta', IsMonotonic, 'counter', 'gauge')";

    static final String CATALOGUE = "SELECT MetricName, Source, Kind, any(MetricUnit) AS Unit, any(MetricDescription) AS Description FROM (\n"
            + "  SELECT MetricName, '" + Tables.METRICS_GAUGE + "' AS Source, " + GAUGE_KIND + " AS Kind, MetricUnit, MetricDescription FROM "
            + Tables.METRICS_GAUGE + " WHERE " + WINDOW + "\n"
            + "  UNION ALL SELECT MetricName, '" + Tables.METRICS_SUM + "', " + SUM_KIND + ", MetricUnit, MetricDescription FROM "
            + Tables.METRICS_SUM + " WHERE " + WINDOW + "\n"
            + "  UNION ALL SELECT MetricName, '" + Tables.METRICS_HISTOGRAM + "', if(AggregationTemporality = 2, 'histogram', 'delta'),"
            + " MetricUnit, MetricDescription FROM " + Tables.METRICS_HISTOGRAM + " WHERE " + WINDOW + "\n"
            + ") WHERE Kind != 'delta' GROUP BY MetricName, Source, Kind ORDER BY MetricName";

    private static final String VALUES = "SELECT ResourceAttributes, Attributes, groupArray(toInt64(toUnixTimestamp(TimeUnix)) * 1000) AS T,"
            + " groupArray(toFloat64(%s)) AS V, groupArray(toUInt8(bitAnd(Flags, 1))) AS S FROM %s WHERE MetricName = {name:String} AND " + WINDOW + " AND %s"
            + " GROUP BY ResourceAttributes, Attributes";
    private static final String BUCKETS = "SELECT ResourceAttributes, Attributes, Le, groupArray(T) AS T, groupArray(toFloat64(C)) AS V FROM (\n"
            + "  SELECT ResourceAttributes, Attributes, toInt64(toUnixTimestamp(TimeUnix)) * 1000 AS T,\n"
            + "         arrayPushBack(ExplicitBounds, inf) AS Bounds, arrayCumSum(BucketCounts) AS Cum\n"
            + "  FROM " + Tables.METRICS_HISTOGRAM + " WHERE MetricName = {name:String} AND " + WINDOW + " AND AggregationTemporality = 2\n"
            + "  AND length(BucketCounts) = length(ExplicitBounds) + 1\n"
            + ") ARRAY JOIN Bounds AS Le, Cum AS C GROUP BY ResourceAttributes, Attributes, Le";

    /** One OpenTelemetry metric as Prometheus sees it. */
    public record Family(String otelName, String table, String name, Kind kind, String unit, String description) {
        /** The series names it gives: the name itself, or a histogram's three. */
        public List<String> seriesNames() {
            return kind == Kind.HISTOGRAM ? List.of(name + "_bucket", name + "_sum", name + "_count") : List.of(name);
        }
    }

    /** Reads the result of one query; may block on the response stream. */
    @FunctionalInterface
    private interface RowsReader<T> {
        T read(ClickHouseBinaryFormatReader rows);
    }

    private final Client client;
    private final ClickHouseConfig.Query guards;

    /** The service's one client (telemetry-store's producer), which checked the configuration at start-up. */
    ClickHouseSamples(Client client, ClickHouseConfig config) {
        this.client = client;
        this.guards = config.query();
    }

    /** Every metric with points in [minT, maxT] (ms), with its Prometheus name. */
    public List<Family> families(long minT, long maxT) {
        return query(CATALOGUE, window(minT, maxT), rows -> {
            List<Family> out = new ArrayList<>();
            while (rows.hasNext()) {
                rows.next();
                Kind kind = switch (rows.getString("Kind")) {
                    case "counter" -> Kind.COUNTER;
                    case "histogram" -> Kind.HISTOGRAM;
                    case "prometheus" -> Kind.UNTYPED;
                    default -> Kind.GAUGE;
                };
                String otel = rows.getString("MetricName");
                String unit = rows.getString("Unit");
                String name = kind == Kind.UNTYPED ? otel : PrometheusNames.metricName(otel, unit, kind);
                out.add(new Family(otel, rows.getString("Source"), name, kind, unit, rows.getString("Description")));
            }
            return out;
        });
    }

    @Override
    public List<Series> select(List<LabelMatcher> matchers, long minT, long maxT) {
        List<LabelMatcher> nameMatchers = matchers.stream().filter(m -> m.name().equals(Labels.NAME)).toList();
        List<Series> out = new ArrayList<>();
        for (Family family : families(minT, maxT)) {
            for (String series : family.seriesNames()) {
                if (nameMatchers.stream().allMatch(m -> m.matches(series))) {
                    for (Series s : read(family, series, minT, maxT)) {
                        if (matchers.stream().allMatch(m -> m.matches(s.labels().get(m.name())))) {
                            out.add(s);
                        }
                    }
                }
            }
        }
        return out;
    }

    private List<Series> read(Family family, String series, long minT, long maxT) {
        Map<String, Object> parameters = window(minT, maxT);
        parameters.put("name", family.otelName());
        String sql;
        if (family.kind() != Kind.HISTOGRAM) {
            String condition = family.table().equals(Tables.METRICS_SUM)
                    ? SUM_KIND + " = '" + (family.kind() == Kind.COUNTER ? "counter" : "gauge") + "'"
                    : GAUGE_KIND + " = '" + (family.kind() == Kind.UNTYPED ? "prometheus" : "gauge") + "'";
            sql = String.format(VALUES, "Value", family.table(), condition);
        } else if (series.endsWith("_bucket")) {
            sql = BUCKETS;
        } else {
            sql = String.format(VALUES, series.endsWith("_sum") ? "Sum" : "Count", Tables.METRICS_HISTOGRAM, "AggregationTemporality = 2");
        }
        boolean buckets = sql == BUCKETS;
        boolean verbatim = family.kind() == Kind.UNTYPED;
        return query(sql, parameters, rows -> {
            Map<Labels, Series> bySeries = new HashMap<>();
            while (rows.hasNext()) {
                rows.next();
                Map<String, String> labels = labels(rows, series, verbatim);
                if (buckets) {
                    labels.put("le", FloatText.format(rows.getDouble("Le")));
                }
                Series s = series(Labels.of(labels), rows, !buckets);
                // Two resource or attribute maps can translate to the same labels: their samples join one series.
                bySeries.merge(s.labels(), s, ClickHouseSamples::join);
            }
            return new ArrayList<>(bySeries.values());
        });
    }

    /** A series' labels; remote-written ones ({@code verbatim}) carry Prometheus label names already. */
    private static Map<String, String> labels(ClickHouseBinaryFormatReader rows, String name, boolean verbatim) {
        Map<String, String> resource = stringMap(rows.readValue("ResourceAttributes"));
        Map<String, String> labels = new TreeMap<>();
        stringMap(rows.readValue("Attributes")).forEach((k, v) -> labels.put(verbatim ? k : PrometheusNames.labelName(k), v));
        String job = PrometheusNames.job(resource);
        String instance = PrometheusNames.instance(resource);
        if (!job.isEmpty()) {
            labels.putIfAbsent("job", job);
        }
        if (!instance.isEmpty()) {
            labels.putIfAbsent("instance", instance);
        }
        labels.put(Labels.NAME, name);
        return labels;
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> out = new HashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /**
     * The row's samples in time order; a repeated time keeps its last value. A point flagged "no recorded value"
     * ({@code S}, when {@code flagged}) is Prometheus's stale marker.
     */
    private static Series series(Labels labels, ClickHouseBinaryFormatReader rows, boolean flagged) {
        List<?> times = rows.getList("T");
        List<?> values = rows.getList("V");
        List<?> stale = flagged ? rows.getList("S") : List.of();
        TreeMap<Long, Double> ordered = new TreeMap<>();
        for (int i = 0; i < times.size(); i++) {
            boolean marker = flagged && ((Number) stale.get(i)).intValue() == 1;
            ordered.put(((Number) times.get(i)).longValue(), marker ? Double.longBitsToDouble(Series.STALE_NAN_BITS) : ((Number) values.get(i)).doubleValue());
        }
        return fromMap(labels, ordered);
    }

    private static Series join(Series a, Series b) {
        TreeMap<Long, Double> ordered = new TreeMap<>();
        for (Series s : List.of(a, b)) {
            for (int i = 0; i < s.size(); i++) {
                ordered.put(s.times()[i], s.values()[i]);
            }
        }
        return fromMap(a.labels(), ordered);
    }

    private static Series fromMap(Labels labels, TreeMap<Long, Double> ordered) {
        long[] t = new long[ordered.size()];
        double[] v = new double[ordered.size()];
        int i = 0;
        for (Map.Entry<Long, Double> e : ordered.entrySet()) {
            t[i] = e.getKey();
            v[i++] = e.getValue();
        }
        return new Series(labels, t, v);
    }

    private static Map<String, Object> window(long minT, long maxT) {
        Map<String, Object> p = new HashMap<>();
        p.put("from", Math.max(0, Math.floorDiv(minT, 1000)));
        p.put("to", Math.max(0, Math.floorDiv(maxT, 1000)));
        return p;
    }

    private <T> T query(String sql, Map<String, Object> parameters, RowsReader<T> reader) {
        QuerySettings settings = new QuerySettings()
                .setMaxExecutionTime((int) guards.maxExecutionTime().getSeconds())
                .serverSetting("max_rows_to_read", Long.toString(guards.maxRowsToRead()))
                .serverSetting("max_memory_usage", Long.toString(guards.maxMemoryUsage()));
        // The server stops the query at its execution time; the extra seconds only cover a connection that hangs.
        try (QueryResponse response = client.query(sql, ServerParameters.bind(parameters), settings)
                .get(guards.maxExecutionTime().getSeconds() + 5, TimeUnit.SECONDS)) {
            return reader.read(client.newBinaryFormatReader(response));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException("unavailable", "metrics storage: interrupted");
        } catch (Exception e) {
            ClickHouseFailure failure = ClickHouseFailure.of(e);
            String guard = failure.guard() == null ? "" : " (" + failure.guard() + ")";
            throw new QueryException("unavailable", "metrics storage" + guard + ": " + failure.cause().getMessage());
        }
    }
}
