package dev.vigil.health.cluster;

import java.util.List;

/** What one read of ClickHouse returned: the latest value of every live series, and the recent minutes of usage. */
record ClusterData(List<LatestSample> latest, List<MinuteSample> minutes) {

    ClusterData {
        latest = List.copyOf(latest);
        minutes = List.copyOf(minutes);
    }
}
