package dev.vigil.query.clickhouse;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Start-up validation of {@link ClickHouseConfig}: a wrong setting must stop the service with a message naming
 * the setting, not surface later as a failed query.
 */
final class ClickHouseConfigCheck {

    // ClickHouse accepts more in back-quoted identifiers, but a database name outside this set is almost
    // always a typo (a trailing space, a URL pasted into the wrong key).
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ClickHouseConfigCheck() {
    }

    /** Every problem found, each naming its setting; empty when the configuration is usable. */
    static List<String> problems(ClickHouseConfig config) {
        List<String> problems = new ArrayList<>();
        urlProblem(config.url()).ifPresent(problems::add);
        if (config.username().isBlank()) {
            problems.add("vigil.clickhouse.username must not be blank");
        }
        if (!DATABASE_NAME.matcher(config.database()).matches()) {
            problems.add("vigil.clickhouse.database must be a plain identifier (letters, digits, '_'), got '"
                    + config.database() + "'");
        }
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
