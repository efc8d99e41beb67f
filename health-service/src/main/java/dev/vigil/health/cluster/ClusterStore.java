package dev.vigil.health.cluster;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.query.ServerParameters;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Reads the cluster's resource metrics from ClickHouse. Blocking: call it from a worker thread. Fails with the
 * client's exception when ClickHouse cannot answer, including when the metrics table does not exist yet.
 */
@Singleton
final class ClusterStore {

    private static final List<String> WORKLOAD_KINDS =
            List.of("deployment", "statefulset", "daemonset", "cronjob", "job", "replicaset");

    private final Client client;
    private final ClickHouseConfig clickHouse;

    ClusterStore(Client client, ClickHouseConfig clickHouse) {
        this.client = client;
        this.clickHouse = clickHouse;
    }

    ClusterData read(ClusterConfig config) {
        QuerySettings settings = new QuerySettings().setMaxExecutionTime((int) clickHouse.query().maxExecutionTime().toSeconds());
        List<LatestSample> latest = client.queryAll(ClusterQueries.LATEST, ServerParameters.bind(Map.of(
                        "metrics", K8sMetrics.LATEST,
                        "staleSeconds", config.staleAfter().toSeconds())), settings)
                .stream().map(ClusterStore::latest).toList();
        List<MinuteSample> minutes = client.queryAll(ClusterQueries.MINUTES, ServerParameters.bind(Map.of(
                        "metrics", K8sMetrics.USAGE,
                        "historySeconds", config.history().toSeconds())), settings)
                .stream().map(r -> new MinuteSample(series(r), r.getLong("minute"), r.getDouble("total"),
                        r.getDouble("peak"), r.getLong("samples"))).toList();
        return new ClusterData(latest, minutes);
    }

    private static LatestSample latest(GenericRecord r) {
        // The most specific controller that owns the pod: a CronJob's Job, a Deployment's ReplicaSet.
        String kind = "";
        String name = "";
        for (String candidate : WORKLOAD_KINDS) {
            String value = r.getString(candidate);
            if (value != null && !value.isEmpty()) {
                kind = candidate;
                name = value;
                break;
            }
        }
        return new LatestSample(series(r), kind, name, r.getDouble("value"), r.getLong("atNanos"));
    }

    private static Series series(GenericRecord r) {
        return new Series(r.getString("metric"), r.getString("node"), r.getString("namespace"), r.getString("pod"),
                r.getString("container"));
    }
}
