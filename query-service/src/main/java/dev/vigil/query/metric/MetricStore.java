package dev.vigil.query.metric;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import dev.vigil.query.clickhouse.ClickHouseReader;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Reads the metric catalogue and series. Failures are {@link dev.vigil.query.clickhouse.StorageException}s. */
@Singleton
final class MetricStore {

    private final ClickHouseReader clickHouse;

    MetricStore(ClickHouseReader clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** One aggregated bucket of one group: a value, or histogram counts and bounds. */
    record Row(long bucket, List<String> groupValues, double value, long[] counts, double[] bounds) {
    }

    CompletionStage<List<MetricModel.Metric>> catalogue(long from, long to, String service, String name,
            String afterName, String afterType, int limit) {
        return clickHouse.query(MetricQueries.CATALOGUE, Map.of("from", from, "to", to, "service", service,
                "name", name, "afterName", afterName, "afterType", afterType, "limit", limit), rows -> {
                    List<MetricModel.Metric> out = new ArrayList<>();
                    while (rows.hasNext()) {
                        rows.next();
                        out.add(new MetricModel.Metric(rows.getString("MetricName"), rows.getString("Type"),
                                rows.getString("Unit"), rows.getString("Description"),
                                rows.getList("LabelKeys").stream().map(String::valueOf).toList(),
                                rows.getList("ResourceKeys").stream().map(String::valueOf).toList()));
                    }
                    return out;
                });
    }

    /** Runs one series statement; {@code histogram} rows carry counts and bounds instead of a value. */
    CompletionStage<List<Row>> series(String sql, Map<String, Object> parameters, boolean histogram) {
        return clickHouse.query(sql, new HashMap<>(parameters), rows -> {
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                rows.next();
                List<String> group = rows.getList("GroupValues").stream().map(String::valueOf).toList();
                if (histogram) {
                    out.add(new Row(rows.getLong("Bucket"), group, Double.NaN, longs(rows, "Counts"),
                            doubles(rows, "Bounds")));
                } else {
                    out.add(new Row(rows.getLong("Bucket"), group, rows.getDouble("V"), null, null));
                }
            }
            return out;
        });
    }

    private static long[] longs(ClickHouseBinaryFormatReader rows, String column) {
        List<?> values = rows.getList(column);
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).longValue();
        }
        return out;
    }

    private static double[] doubles(ClickHouseBinaryFormatReader rows, String column) {
        List<?> values = rows.getList(column);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).doubleValue();
        }
        return out;
    }
}
