package dev.vigil.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a scenario runs.
 *
 * @param endpoint  the OTLP/HTTP base URL; {@code /v1/traces}, {@code /v1/metrics} and {@code /v1/logs} are added
 * @param token     the ingest token every export sends; absent: none (ingest-service then refuses the telemetry)
 * @param seed      present: a reproducible run of {@code requests} requests starting at {@code start}, sent as fast
 *                  as the receiver takes them; absent: a live run, paced at {@code rate} requests per second
 * @param requests  how many requests a seeded run simulates
 * @param start     the simulated time of a seeded run's first request
 * @param rate      requests per second (simulated time in a seeded run, wall time in a live run)
 * @param duration  how long a live run lasts; absent: until interrupted
 */
public record DemoOptions(String endpoint, Optional<String> token, Optional<Long> seed, int requests, Instant start, double rate,
        Optional<Duration> duration) {

    public static final String DEFAULT_ENDPOINT = "http://localhost:4318";

    public DemoOptions {
        if (requests <= 0) {
            throw new IllegalArgumentException("--requests must be positive, got " + requests);
        }
        if (!(rate > 0) || rate > 100_000) {
            throw new IllegalArgumentException("--rate must be in (0, 100000] requests per second, got " + rate);
        }
        if (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
    }
}
