package dev.vigil.health.cluster;

import dev.vigil.demo.cluster.ClusterPlan;
import dev.vigil.demo.cluster.ClusterReadings;
import dev.vigil.demo.cluster.SimulatedCluster;
import dev.vigil.devstack.testing.TestCredentials;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated cluster's ticks the tests of one run have sent through the packaged ingest-service, so that every
 * test knows exactly what is in ClickHouse whichever ran first: ticks 0, 1 and 3 once (150, 90 and 30 s ago),
 * then whatever a test adds.
 */
public final class SimulatedTraffic {

    public static final ClusterPlan PLAN = ClusterPlan.generate(20260301L);

    /** One tick as sent. */
    public record Sent(long tick, Instant at, ClusterReadings readings) {
    }

    private static final List<Sent> SENT = new ArrayList<>();

    private SimulatedTraffic() {
    }

    /** Every tick sent so far, oldest first, after making sure the base ticks were. */
    public static synchronized List<Sent> sent() {
        if (SENT.isEmpty()) {
            Instant now = Instant.now();
            send(0, now.minusSeconds(150));
            send(1, now.minusSeconds(90));
            send(3, now.minusSeconds(30));
        }
        return List.copyOf(SENT);
    }

    public static synchronized Sent latest() {
        return sent().getLast();
    }

    /** Sends {@code tick} stamped now, after the base ticks. */
    public static synchronized Sent sendNow(long tick) {
        sent();
        return send(tick, Instant.now());
    }

    private static Sent send(long tick, Instant at) {
        try (var exporter = OtlpHttpMetricExporter.builder().setEndpoint(IngestStack.otlpMetricsUrl())
                .setHeaders(TestCredentials::otlpHeaders).build()) {
            Sent sent = new Sent(tick, at, SimulatedCluster.send(exporter, PLAN, tick, at));
            SENT.add(sent);
            return sent;
        }
    }
}
