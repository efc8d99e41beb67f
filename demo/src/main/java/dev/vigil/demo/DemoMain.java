package dev.vigil.demo;

import dev.vigil.demo.cluster.SimulatedCluster;
import dev.vigil.demo.ingest.IngestAuthorization;
import dev.vigil.demo.ingest.IngestTokenRefusedException;
import dev.vigil.demo.shop.ShopScenario;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./vigil demo [SCENARIO] [options]}: sends a simulated workload's telemetry to Vigil's OTLP/HTTP receiver.
 * Scenarios register in {@link #SCENARIOS}; the first is the default. A live run also sends a simulated
 * Kubernetes cluster's resource metrics, for the health views.
 */
public final class DemoMain {

    private static final List<Scenario> SCENARIOS = List.of(new ShopScenario());
    private static final long CLUSTER_SEED = 20261122L;

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (IngestTokenRefusedException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs with {@code args}; the ingest token comes from {@code --token} or else {@code environment}. */
    static void run(String[] args, Map<String, String> environment) throws Exception {
        Map<String, Scenario> byName = new LinkedHashMap<>();
        SCENARIOS.forEach(s -> byName.put(s.name(), s));
        Scenario scenario = SCENARIOS.getFirst();
        String endpoint = DemoOptions.DEFAULT_ENDPOINT;
        Optional<String> token = Optional.ofNullable(environment.get(IngestAuthorization.TOKEN_ENVIRONMENT))
                .filter(t -> !t.isBlank());
        Optional<Long> seed = Optional.empty();
        int requests = 1_000;
        Instant start = null;
        double rate = 20;
        Optional<Duration> duration = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--endpoint" -> endpoint = value(args, ++i, arg);
                case "--token" -> token = Optional.of(value(args, ++i, arg));
                case "--seed" -> seed = Optional.of(parseLong(value(args, ++i, arg), arg));
                case "--requests" -> requests = (int) parseLong(value(args, ++i, arg), arg);
                case "--start" -> start = parseInstant(value(args, ++i, arg));
                case "--rate" -> rate = parseDouble(value(args, ++i, arg), arg);
                case "--duration" -> duration = Optional.of(parseDuration(value(args, ++i, arg)));
                case "-h", "--help" -> {
                    System.out.println(usage());
                    return;
                }
                default -> {
                    if (arg.startsWith("-") || !byName.containsKey(arg)) {
                        throw new IllegalArgumentException("unknown scenario or option '" + arg + "'");
                    }
                    scenario = byName.get(arg);
                }
            }
        }
        if (start == null) {
            // A seeded run without a start ends about now, so its data falls in the query API's default last hour.
            start = seed.isPresent() ? Instant.now().minusMillis(Math.round(requests * 1000 / rate)) : Instant.now();
        }
        DemoOptions options = new DemoOptions(endpoint, token, seed, requests, start, rate, duration);
        if (seed.isPresent()) {
            scenario.run(options);
            return;
        }
        // A live run also shows a Kubernetes cluster: 3 nodes, 25 pods, one creeping towards its memory limit.
        try (SimulatedCluster cluster = SimulatedCluster.start(URI.create(options.endpoint()), options.token(),
                CLUSTER_SEED)) {
            System.out.printf("sending a simulated cluster's metrics every %d s%n",
                    SimulatedCluster.DEFAULT_INTERVAL.toSeconds());
            scenario.run(options);
        }
    }

    private static String usage() {
        StringBuilder out = new StringBuilder("""
                usage: ./vigil demo [SCENARIO] [--endpoint URL] [--token T] [--rate N] [--duration 5m]
                       ./vigil demo [SCENARIO] --seed N [--requests N] [--start TIME] [--rate N]

                  --endpoint  OTLP/HTTP receiver (default http://localhost:4318)
                  --token     ingest token (default: $VIGIL_INGEST_TOKEN, which ./vigil demo sets from
                              $VIGIL_HOME/ingest-token; the environment keeps it off the process list)
                  --rate      requests per second (default 20)
                  --duration  how long a live run lasts, e.g. 90s, 5m (default: until interrupted)
                  --seed      reproducible run: the same seed sends the same telemetry, as fast as accepted
                  --requests  requests of a seeded run (default 1000)
                  --start     simulated time of a seeded run's first request, RFC 3339 or epoch ms
                              (default: so that the run ends now)

                scenarios:
                """);
        SCENARIOS.forEach(s -> out.append(String.format("  %-10s %s%n", s.name(), s.description())));
        return out.toString();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long parseLong(String value, String option) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
        }
    }

    private static double parseDouble(String value, String option) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, got '" + value + "'");
        }
    }

    private static Instant parseInstant(String value) {
        try {
            return value.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochMilli(Long.parseLong(value))
                    : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("--start must be RFC 3339 or epoch milliseconds, got '" + value + "'");
        }
    }

    private static Duration parseDuration(String value) {
        try {
            return Duration.parse("PT" + value.toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--duration must look like 90s, 5m or 1h, got '" + value + "'");
        }
    }
}
