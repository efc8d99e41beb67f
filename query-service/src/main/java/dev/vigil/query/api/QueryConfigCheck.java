package dev.vigil.query.api;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Stops the service at start-up when a {@code vigil.query.*} setting is unusable, naming the setting. */
@Startup
@Singleton
final class QueryConfigCheck {

    QueryConfigCheck(QueryConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid query configuration: " + String.join("; ", problems));
        }
    }

    static List<String> problems(QueryConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.defaultWindow().compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("vigil.query.default-window must be at least 1s, got " + config.defaultWindow());
        }
        if (config.maxWindow().compareTo(config.defaultWindow()) < 0) {
            problems.add("vigil.query.max-window must be at least vigil.query.default-window, got "
                    + config.maxWindow());
        }
        if (config.maxLimit() < 1) {
            problems.add("vigil.query.max-limit must be positive, got " + config.maxLimit());
        }
        if (config.defaultLimit() < 1 || config.defaultLimit() > config.maxLimit()) {
            problems.add("vigil.query.default-limit must be between 1 and vigil.query.max-limit, got "
                    + config.defaultLimit());
        }
        return problems;
    }
}
