package dev.vigil.store.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Start-up validation of {@link ClickHouseConfig}: a wrong setting must stop the service with a message naming the
 * setting, not surface later as a failed query or a table that expires its data at once.
 */
public final class ClickHouseConfigCheck {

    /**
     * ClickHouse computes a TTL as a DateTime, whose last second is 2106-02-07T06:28:15Z; a TTL beyond it wraps
     * around to 1970 and drops the data at once. Every retention must end, from now, before this instant (a month of
     * margin for rows stamped in the future).
     */
    public static final Instant LATEST_EXPIRY = Instant.parse("2106-01-01T00:00:00Z");

    // Names Vigil writes into SQL unquoted must pass this, so configuration cannot inject SQL. ClickHouse accepts
    // more in back-quoted identifiers, but a name outside this set is almost always a typo (a trailing space, a URL
    // pasted into the wrong key).
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private ClickHouseConfigCheck() {
    }

    /** Throws, naming every setting that cannot work; returns when the configuration is usable. */
    public static void validate(ClickHouseConfig config) {
        List<String> problems = problems(config, Instant.now());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid ClickHouse configuration: " + String.join("; ", problems));
        }
    }

    /** Every problem found, each naming its setting; empty when the configuration is usable. */
    public static List<String> problems(ClickHouseConfig config, Instant now) {
        List<String> problems = new ArrayList<>();
        urlProblem(config.url()).ifPresent(problems::add);
        if (config.username().isBlank()) {
            problems.add("vigil.clickhouse.username must not be blank");
        }
        if (!isPlainIdentifier(config.database())) {
            problems.add("vigil.clickhouse.database must be a plain identifier (letters, digits, '_'), got '"
                    + config.database() + "'");
        }
        config.cluster().name().filter(name -> !isPlainIdentifier(name)).ifPresent(name -> problems.add(
                "vigil.clickhouse.cluster.name must be a plain identifier (letters, digits, '_'), got '" + name + "'"));
        positive("vigil.clickhouse.connect-timeout", config.connectTimeout(), problems);
        positive("vigil.clickhouse.socket-timeout", config.socketTimeout(), problems);
        retention("vigil.clickhouse.retention.traces", config.retention().traces(), now, problems);
        retention("vigil.clickhouse.retention.logs", config.retention().logs(), now, problems);
        retention("vigil.clickhouse.retention.metrics", config.retention().metrics(), now, problems);
        Duration maxExecutionTime = config.query().maxExecutionTime();
        if (maxExecutionTime.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("vigil.clickhouse.query.max-execution-time must be at least 1s, got " + maxExecutionTime);
        } else if (maxExecutionTime.toNanosPart() != 0) {
            problems.add("vigil.clickhouse.query.max-execution-time must be whole seconds, got " + maxExecutionTime);
        } else if (maxExecutionTime.getSeconds() > Integer.MAX_VALUE) {
            problems.add("vigil.clickhouse.query.max-execution-time is too large: " + maxExecutionTime);
        }
        if (config.query().maxRowsToRead() <= 0) {
            problems.add("vigil.clickhouse.query.max-rows-to-read must be positive, got "
                    + config.query().maxRowsToRead());
        }
        if (config.query().maxMemoryUsage() <= 0) {
            problems.add("vigil.clickhouse.query.max-memory-usage must be positive, got "
                    + config.query().maxMemoryUsage());
        }
        return problems;
    }

    /** Whether a name may be written into SQL unquoted by Vigil: letters, digits and '_', not starting with a digit. */
    public static boolean isPlainIdentifier(String name) {
        return PLAIN_IDENTIFIER.matcher(name).matches();
    }

    private static void positive(String key, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + " must be positive, got " + value);
        }
    }

    private static void retention(String key, Duration retention, Instant now, List<String> problems) {
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            problems.add(key + " must be at least 1h, was " + retention);
            return;
        }
        Duration longest = Duration.between(now, LATEST_EXPIRY);
        if (retention.compareTo(longest) > 0) {
            problems.add(key + " must be at most " + longest.toDays() + "d, so that data expires before "
                    + LATEST_EXPIRY + " (the last time ClickHouse's TTL can hold); was " + retention.toDays() + "d");
        }
    }

    private static Optional<String> urlProblem(String url) {
        String expected = "vigil.clickhouse.url must be an http(s) URL with host and port, e.g. "
                + "http://127.0.0.1:8123, got '" + url + "'";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(expected + " (" + e.getReason() + ")");
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
        if (!http || uri.getHost() == null || uri.getPort() < 0 || !bare || uri.getRawQuery() != null) {
            return Optional.of(expected);
        }
        return Optional.empty();
    }
}
