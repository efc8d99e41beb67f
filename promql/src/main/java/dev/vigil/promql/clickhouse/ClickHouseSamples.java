package dev.vigil.promql.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import dev.vigil.promql.Expr.LabelMatcher;
import dev.vigil.promql.Expr.MatchType;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Vigil's stored metrics as Prometheus series. Which OpenTelemetry metrics a selector can reach is decided from the
 * catalogue of the window (their Prometheus names, kept a few seconds by {@link CatalogueCache}), then only those
 * metrics are read; label matchers are applied to the translated labels, so every matcher kind means what it means
 * in Prometheus. Remote-written series also hand their equality matchers to ClickHouse, which then reads only the
 * series that can match.
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

    /**
     * A series' points, sorted by time in ClickHouse so that the reader takes them as primitive arrays in one pass.
     * The last {@code %s} is a condition on the kind, then any label matchers pushed down ({@link #pushedDown}).
     */
    private static final String VALUES = "SELECT ResourceAttributes, Attributes, arraySort(Ts) AS T, arraySort((v, t) -> t, Vs, Ts) AS V,"
            + " arraySort((s, t) -> t, Ss, Ts) AS S FROM (SELECT ResourceAttributes, Attributes,"
            + " groupArray(toInt64(toUnixTimestamp(TimeUnix)) * 1000) AS Ts, groupArray(toFloat64(%s)) AS Vs,"
            + " groupArray(toInt8(bitAnd(Flags, 1))) AS Ss FROM %s WHERE MetricName = {name:String} AND " + WINDOW + " AND %s"
            + " GROUP BY ResourceAttributes, Attributes)";
    private static final String BUCKETS = "SELECT ResourceAttributes, Attributes, Le, arraySort(Ts) AS T, arraySort((v, t) -> t, Vs, Ts) AS V FROM (\n"
            + "  SELECT ResourceAttributes, Attributes, Le, groupArray(T) AS Ts, groupArray(toFloat64(C)) AS Vs FROM (\n"
            + "    SELECT ResourceAttributes, Attributes, toInt64(toUnixTimestamp(TimeUnix)) * 1000 AS T,\n"
            + "           arrayPushBack(ExplicitBounds, inf) AS Bounds, arrayCumSum(BucketCounts) AS Cum\n"
            + "    FROM " + Tables.METRICS_HISTOGRAM + " WHERE MetricName = {name:String} AND " + WINDOW + " AND AggregationTemporality = 2\n"
            + "    AND length(BucketCounts) = length(ExplicitBounds) + 1\n"
            + "  ) ARRAY JOIN Bounds AS Le, Cum AS C GROUP BY ResourceAttributes, Attributes, Le)";
    /** Labels a remote-written point keeps in its resource, not its attributes, so an attribute condition cannot test them. */
    private static final Set<String> RESOURCE_LABELS = Set.of(Labels.NAME, "job", "instance");

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
    private final CatalogueCache catalogue = new CatalogueCache(this::readFamilies);

    /** The service's one client (telemetry-store's producer), which checked the configuration at start-up. */
    ClickHouseSamples(Client client, ClickHouseConfig config) {
        this.client = client;
        this.guards = config.query();
    }

    /** Every metric with points in [minT, maxT] (ms), with its Prometheus name. */
    public List<Family> families(long minT, long maxT) {
        return readFamilies(minT, maxT);
    }

    private List<Family> readFamilies(long minT, long maxT) {
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
        Predicate<String> wanted = series -> nameMatchers.stream().allMatch(m -> m.matches(series));
        List<Series> out = new ArrayList<>();
        for (Family family : catalogue.families(minT, maxT, wanted)) {
            for (String series : family.seriesNames()) {
                if (wanted.test(series)) {
                    for (Series s : read(family, series, matchers, minT, maxT)) {
                        if (matchers.stream().allMatch(m -> m.matches(s.labels().get(m.name())))) {
                            out.add(s);
                        }
                    }
                }
            }
        }
        return out;
    }

    private List<Series> read(Family family, String series, List<LabelMatcher> matchers, long minT, long maxT) {
        Map<String, Object> parameters = window(minT, maxT);
        parameters.put("name", family.otelName());
        boolean verbatim = family.kind() == Kind.UNTYPED;
        String sql;
        if (family.kind() != Kind.HISTOGRAM) {
            String condition = family.table().equals(Tables.METRICS_SUM)
                    ? SUM_KIND + " = '" + (family.kind() == Kind.COUNTER ? "counter" : "gauge") + "'"
                    : GAUGE_KIND + " = '" + (family.kind() == Kind.UNTYPED ? "prometheus" : "gauge") + "'";
            sql = String.format(VALUES, "Value", family.table(), condition + (verbatim ? pushedDown(matchers, parameters) : ""));
        } else if (series.endsWith("_bucket")) {
            sql = BUCKETS;
        } else {
            sql = String.format(VALUES, series.endsWith("_sum") ? "Sum" : "Count", Tables.METRICS_HISTOGRAM, "AggregationTemporality = 2");
        }
        boolean buckets = sql == BUCKETS;
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
        long[] times = rows.getLongArray("T");
        double[] values = rows.getDoubleArray("V");
        byte[] stale = flagged ? rows.getByteArray("S") : null;
        long[] t = new long[times.length];
        double[] v = new double[times.length];
        int n = 0;
        for (int i = 0; i < times.length; i++) {
            double value = stale != null && stale[i] == 1 ? Double.longBitsToDouble(Series.STALE_NAN_BITS) : values[i];
            if (n > 0 && t[n - 1] == times[i]) {
                v[n - 1] = value;
            } else {
                t[n] = times[i];
                v[n++] = value;
            }
        }
        return new Series(labels, n == t.length ? t : Arrays.copyOf(t, n), n == v.length ? v : Arrays.copyOf(v, n));
    }

    /**
     * Equality matchers of a remote-written series as conditions on its attributes, so ClickHouse reads only the
     * series they can match (the reader still applies every matcher). A label that is absent matches {@code ""} in
     * Prometheus and reads as {@code ""} from a ClickHouse map alike.
     */
    private static String pushedDown(List<LabelMatcher> matchers, Map<String, Object> parameters) {
        StringBuilder sql = new StringBuilder();
        int i = 0;
        for (LabelMatcher m : matchers) {
            if (m.type() == MatchType.EQUAL && !RESOURCE_LABELS.contains(m.name())) {
                sql.append(" AND Attributes[{label").append(i).append(":String}] = {value").append(i).append(":String}");
                parameters.put("label" + i, m.name());
                parameters.put("value" + i, m.value());
                i++;
            }
        }
        return sql.toString();
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
