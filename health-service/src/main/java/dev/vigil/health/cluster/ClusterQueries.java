package dev.vigil.health.cluster;

import dev.vigil.store.schema.Tables;

/**
 * The SQL the cluster model runs, over the OpenTelemetry Collector ClickHouse exporter's
 * {@code otel_metrics_gauge} table that the persist stage fills. Inputs are server-side parameters
 * ({@code {name:Type}}); the database comes from the connection ({@code vigil.clickhouse.database}). TimeUnix is
 * DateTime in some versions of that schema and DateTime64(9) in others: the queries read it through
 * {@code toDateTime64(…, 9)} and bound it with DateTime64(9) values, which serve both.
 *
 * <p>A series is one resource's metric: a node's (node name only), a pod's (namespace and pod name) or a
 * container's (namespace, pod and container name), as the receivers set those resource attributes.
 */
final class ClusterQueries {

    private ClusterQueries() {
    }

    /**
     * The latest value of every series seen within {@code staleSeconds}, with the workload names the
     * {@code k8sattributes} processor (or the {@code k8s_cluster} receiver) put on the resource.
     * Parameters: {@code metrics} (Array(String)), {@code staleSeconds} (UInt32).
     */
    static final String LATEST = """
            SELECT
                MetricName AS metric,
                ResourceAttributes['k8s.node.name'] AS node,
                ResourceAttributes['k8s.namespace.name'] AS namespace,
                ResourceAttributes['k8s.pod.name'] AS pod,
                ResourceAttributes['k8s.container.name'] AS container,
                argMax(ResourceAttributes['k8s.deployment.name'], TimeUnix) AS deployment,
                argMax(ResourceAttributes['k8s.statefulset.name'], TimeUnix) AS statefulset,
                argMax(ResourceAttributes['k8s.daemonset.name'], TimeUnix) AS daemonset,
                argMax(ResourceAttributes['k8s.job.name'], TimeUnix) AS job,
                argMax(ResourceAttributes['k8s.cronjob.name'], TimeUnix) AS cronjob,
                argMax(ResourceAttributes['k8s.replicaset.name'], TimeUnix) AS replicaset,
                argMax(Value, TimeUnix) AS value,
                toUnixTimestamp64Nano(toDateTime64(max(TimeUnix), 9)) AS atNanos
            FROM """ + " " + Tables.METRICS_GAUGE + """

            WHERE MetricName IN {metrics:Array(String)}
              AND TimeUnix >= now64(9) - toIntervalSecond({staleSeconds:UInt32})
              AND TimeUnix <= now64(9) + toIntervalSecond(60)
            GROUP BY metric, node, namespace, pod, container
            """;

    /**
     * Per series and minute within {@code historySeconds}: the average, peak, sum and count of the samples.
     * Parameters: {@code metrics} (Array(String)), {@code historySeconds} (UInt32).
     */
    static final String MINUTES = """
            SELECT
                MetricName AS metric,
                ResourceAttributes['k8s.node.name'] AS node,
                ResourceAttributes['k8s.namespace.name'] AS namespace,
                ResourceAttributes['k8s.pod.name'] AS pod,
                ResourceAttributes['k8s.container.name'] AS container,
                toUnixTimestamp(toStartOfMinute(TimeUnix)) AS minute,
                sum(Value) AS total,
                max(Value) AS peak,
                count() AS samples
            FROM """ + " " + Tables.METRICS_GAUGE + """

            WHERE MetricName IN {metrics:Array(String)}
              AND TimeUnix >= now64(9) - toIntervalSecond({historySeconds:UInt32})
              AND TimeUnix <= now64(9) + toIntervalSecond(60)
            GROUP BY metric, node, namespace, pod, container, minute
            ORDER BY minute
            """;
}
