package dev.vigil.query.golden;

import dev.vigil.query.clickhouse.ClickHouseReader;
import dev.vigil.query.golden.GoldenSignals.Saturation;
import dev.vigil.store.schema.Tables;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The saturation signal: CPU and memory utilisation of a service's pods, the averages of the gauges
 * {@code k8s.pod.cpu_limit_utilization} and {@code k8s.pod.memory_limit_utilization} (kubelet stats, fractions of
 * the pods' limits) whose resource is the service (service.name, or k8s.deployment.name when the resource has no
 * service.name). Contract: a bucket or service without such metrics is absent from the answer.
 */
@Singleton
final class SaturationSource {

    private static final String SERVICE = "if(ServiceName != '', ServiceName, ResourceAttributes['k8s.deployment.name'])";
    private static final String VALUES = """
                avgIf(Value, MetricName = 'k8s.pod.cpu_limit_utilization') AS Cpu,
                avgIf(Value, MetricName = 'k8s.pod.memory_limit_utilization') AS Memory
            FROM """ + " " + Tables.METRICS_GAUGE + """

            WHERE MetricName IN ('k8s.pod.cpu_limit_utilization', 'k8s.pod.memory_limit_utilization')
              AND TimeUnix >= toDateTime({from:UInt32}) AND TimeUnix < toDateTime({to:UInt32})
            """;

    /** Per bucket of {@code step} seconds from {@code from}. Parameters: service, from, to, step. */
    static final String SERIES = "SELECT toInt64({from:UInt32}) + intDiv(toInt64(toUnixTimestamp(TimeUnix)) - "
            + "{from:UInt32}, {step:UInt32}) * {step:UInt32} AS Bucket,\n" + VALUES
            + "  AND " + SERVICE + " = {service:String}\nGROUP BY Bucket\n";

    /** Per service and bucket of {@code step} seconds from {@code from}. Parameters: from, to, step. */
    static final String SERIES_BY_SERVICE = "SELECT " + SERVICE + " AS Service,\n"
            + "  toInt64({from:UInt32}) + intDiv(toInt64(toUnixTimestamp(TimeUnix)) - {from:UInt32}, {step:UInt32}) "
            + "* {step:UInt32} AS Bucket,\n" + VALUES + "GROUP BY Service, Bucket\n";

    /** Per service. Parameters: from, to. */
    static final String SUMMARY = "SELECT " + SERVICE + " AS Service,\n" + VALUES + "GROUP BY Service\n";

    private final ClickHouseReader clickHouse;

    SaturationSource(ClickHouseReader clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** Per bucket start (Unix seconds). */
    CompletionStage<Map<Long, Saturation>> series(String service, long fromSeconds, long toSeconds, long step) {
        return clickHouse.query(SERIES, Map.of("service", service, "from", fromSeconds, "to", toSeconds,
                "step", step), rows -> {
                    Map<Long, Saturation> out = new HashMap<>();
                    while (rows.hasNext()) {
                        rows.next();
                        out.put(rows.getLong("Bucket"), saturation(rows.getDouble("Cpu"), rows.getDouble("Memory")));
                    }
                    return out;
                });
    }

    /** Per service, then per bucket start (Unix seconds): every service's series in one read. */
    CompletionStage<Map<String, Map<Long, Saturation>>> seriesByService(long fromSeconds, long toSeconds, long step) {
        return clickHouse.query(SERIES_BY_SERVICE, Map.of("from", fromSeconds, "to", toSeconds, "step", step),
                rows -> {
                    Map<String, Map<Long, Saturation>> out = new HashMap<>();
                    while (rows.hasNext()) {
                        rows.next();
                        out.computeIfAbsent(rows.getString("Service"), s -> new HashMap<>()).put(rows.getLong("Bucket"),
                                saturation(rows.getDouble("Cpu"), rows.getDouble("Memory")));
                    }
                    return out;
                });
    }

    /** Per service, over the whole range. */
    CompletionStage<Map<String, Saturation>> summary(long fromSeconds, long toSeconds) {
        return clickHouse.query(SUMMARY, Map.of("from", fromSeconds, "to", toSeconds), rows -> {
            Map<String, Saturation> out = new HashMap<>();
            while (rows.hasNext()) {
                rows.next();
                out.put(rows.getString("Service"), saturation(rows.getDouble("Cpu"), rows.getDouble("Memory")));
            }
            return out;
        });
    }

    private static Saturation saturation(double cpu, double memory) {
        return new Saturation(Double.isNaN(cpu) ? null : cpu, Double.isNaN(memory) ? null : memory);
    }
}
