package dev.vigil.health.platform;

import dev.vigil.health.status.HealthStatus;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Scrapes the ingest-service's Prometheus endpoint for what it dropped, refused and rejected. A warning while a
 * {@code warn-on} counter grew within the window; a failed scrape is a warning too, since the readiness probe of
 * the same service already reports it down. Blocking: call it from a worker thread.
 */
@Startup // built at start-up, off the event loop that runs the first probe round
@Singleton
final class IngestCheck {

    private final Optional<URI> url;
    private final Pattern counters;
    private final Pattern warnOn;
    private final PlatformConfig config;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private Map<String, Double> previous;
    private Instant lastGrowth;
    private String lastGrowthOf;

    IngestCheck(PlatformConfig config) {
        this.config = config;
        this.url = config.ingest().metricsUrl().or(() -> Optional.ofNullable(config.services().get("ingest"))
                .map(base -> URI.create(base.toString().replaceAll("/+$", "") + "/q/metrics")));
        this.counters = pattern("vigil.health.ingest.counters", config.ingest().counters());
        this.warnOn = pattern("vigil.health.ingest.warn-on", config.ingest().warnOn());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.probeTimeout()).build();
    }

    /** Whether there is an ingest-service to scrape. */
    boolean configured() {
        return url.isPresent();
    }

    synchronized IngestHealth check() {
        URI target = url.orElseThrow();
        Instant now = clock.instant();
        String body;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(target).timeout(config.probeTimeout())
                    .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return failed(target, "HTTP " + response.statusCode() + " from " + target, now);
            }
            body = response.body();
        } catch (IOException e) {
            return failed(target, "cannot scrape " + target + ": " + e, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(target, "interrupted", now);
        }
        Map<String, Double> totals = PrometheusText.sums(body, counters);
        Map<String, Double> increases = new HashMap<>();
        totals.forEach((name, value) -> {
            Double before = previous == null ? null : previous.get(name);
            // A counter that went down was reset by a restart: everything it holds is new.
            double increase = before == null ? 0 : value >= before ? value - before : value;
            increases.put(name, increase);
            if (increase > 0 && warnOn.matcher(name).matches()) {
                lastGrowth = now;
                lastGrowthOf = name;
            }
        });
        previous = totals;
        boolean warning = lastGrowth != null && lastGrowth.plus(config.ingest().window()).isAfter(now);
        return new IngestHealth(warning ? HealthStatus.WARNING : HealthStatus.HEALTHY,
                warning ? lastGrowthOf + " grew within the last " + config.ingest().window().toSeconds() + " s" : null,
                target.toString(), totals, increases, now);
    }

    private static IngestHealth failed(URI target, String error, Instant now) {
        return new IngestHealth(HealthStatus.WARNING, error, target.toString(), Map.of(), Map.of(), now);
    }

    private static Pattern pattern(String key, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException(key + " is not a regular expression: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }
}
