package dev.vigil.demo.cluster;

import dev.vigil.demo.ingest.IngestAuthorization;
import dev.vigil.demo.ingest.IngestTokenRefusedException;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A simulated Kubernetes cluster ({@link ClusterPlan}) sending its resource metrics through an OpenTelemetry
 * SDK metric exporter, one tick every interval. Tick {@code n} always carries the same values for the same
 * seed, so whoever knows the seed knows exactly what was sent.
 *
 * <pre>{@code
 * try (SimulatedCluster cluster = SimulatedCluster.start(URI.create("http://127.0.0.1:4318"), token, 42)) { ... }
 * }</pre>
 */
public final class SimulatedCluster implements AutoCloseable {

    /** How often a started cluster sends, as the receivers' default collection interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** How long {@link #close} waits for the exports in flight: the exporter's own timeout, and some. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(SimulatedCluster.class.getName());

    private final ClusterPlan plan;
    private final MetricExporter exporter;
    private final Clock clock;
    private final AtomicLong nextTick = new AtomicLong();
    private final AtomicLong failedExports = new AtomicLong();
    // Exports sent and not yet answered: close() waits for them, since shutting the exporter down cancels them
    // (OkHttp's cancelAll), and the SDK logs each cancelled export as a SEVERE failure with a stack trace.
    private final Set<CompletableResultCode> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService schedule;

    private SimulatedCluster(ClusterPlan plan, MetricExporter exporter, Clock clock) {
        this.plan = plan;
        this.exporter = exporter;
        this.clock = clock;
    }

    /**
     * Sends the cluster of {@code seed} over OTLP/HTTP to Vigil's receiver at {@code otlpHttpBase}
     * (e.g. {@code http://127.0.0.1:4318}; {@code /v1/metrics} is appended), with {@code token} as the ingest token
     * when present, every {@link #DEFAULT_INTERVAL}, starting now.
     */
    public static SimulatedCluster start(URI otlpHttpBase, Optional<String> token, long seed) {
        String base = otlpHttpBase.toString().replaceAll("/+$", "");
        Map<String, String> headers = IngestAuthorization.headers(token);
        return start(OtlpHttpMetricExporter.builder().setEndpoint(base + "/v1/metrics").setHeaders(() -> headers)
                .build(), seed, DEFAULT_INTERVAL);
    }

    /** Sends the cluster of {@code seed} through {@code exporter} every {@code interval}, starting now. */
    public static SimulatedCluster start(MetricExporter exporter, long seed, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        SimulatedCluster cluster = new SimulatedCluster(ClusterPlan.generate(seed), exporter, Clock.systemUTC());
        cluster.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulated-cluster");
            t.setDaemon(true);
            return t;
        });
        cluster.schedule.scheduleAtFixedRate(cluster::sendNextTick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return cluster;
    }

    /**
     * Sends tick {@code tick} of {@code plan}, stamped {@code at}, through {@code exporter} and waits for the
     * exporter's answer.
     *
     * @return what was sent
     * @throws IllegalStateException when the exporter reports a failure or does not answer within 30 s; an
     *         {@link IngestTokenRefusedException} when ingest-service refused the ingest token
     */
    public static ClusterReadings send(MetricExporter exporter, ClusterPlan plan, long tick, Instant at) {
        ClusterReadings readings = plan.readings(tick);
        CompletableResultCode result = exporter.export(ClusterMetrics.of(readings, at)).join(30, TimeUnit.SECONDS);
        if (!result.isSuccess()) {
            if (IngestAuthorization.refused(result.getFailureThrowable())) {
                throw new IngestTokenRefusedException(result.getFailureThrowable());
            }
            throw new IllegalStateException("the exporter did not deliver tick " + tick,
                    result.getFailureThrowable());
        }
        return readings;
    }

    public ClusterPlan plan() {
        return plan;
    }

    /** The number of ticks sent so far, successfully or not. */
    public long ticks() {
        return nextTick.get();
    }

    /** The number of ticks the exporter could not deliver. */
    public long failedExports() {
        return failedExports.get();
    }

    private void sendNextTick() {
        long tick = nextTick.getAndIncrement();
        CompletableResultCode result = exporter.export(ClusterMetrics.of(plan.readings(tick), clock.instant()));
        inFlight.add(result);
        result.whenComplete(() -> {
            inFlight.remove(result);
            if (!result.isSuccess()) {
                // Once per tick at most, and a tick is seconds apart: the log stays readable.
                failedExports.incrementAndGet();
                Throwable failure = result.getFailureThrowable();
                LOG.log(Level.WARNING, "simulated cluster: tick " + tick + " was not delivered",
                        IngestAuthorization.refused(failure) ? new IngestTokenRefusedException(failure) : failure);
            }
        });
    }

    /**
     * Stops sending, waits up to {@link #CLOSE_TIMEOUT} for the exports in flight to be answered, then flushes and
     * shuts the exporter down: in that order, so that a run ends without a cancelled export.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        if (schedule != null) {
            // No interrupt: a tick being sent finishes handing its export over.
            schedule.shutdown();
            try {
                if (!schedule.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
                    schedule.shutdownNow();
                }
            } catch (InterruptedException e) {
                schedule.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        CompletableResultCode.ofAll(List.copyOf(inFlight)).join(remaining(deadline), TimeUnit.NANOSECONDS);
        if (!inFlight.isEmpty()) {
            LOG.warning("simulated cluster: " + inFlight.size() + " tick(s) still unanswered after "
                    + CLOSE_TIMEOUT.toSeconds() + " s; abandoning them");
        }
        exporter.flush().join(remaining(deadline), TimeUnit.NANOSECONDS);
        exporter.shutdown().join(10, TimeUnit.SECONDS);
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
