package dev.vigil.query.dependency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When and how far back the dependency rollup ({@link DependencyRollup}) runs. */
@ConfigMapping(prefix = "vigil.query.dependency-rollup")
public interface DependencyRollupConfig {

    /** Time between runs (a Quarkus scheduler period such as {@code 30s}); {@code off} stops it on this replica. */
    @WithDefault("30s")
    String interval();

    /** A minute is rolled up once it ended this long ago: callees that arrive later count as calls to the peer. */
    @WithDefault("2m")
    Duration grace();

    /** How far back each run looks for minutes to roll up; the trace retention, to roll up every kept span. */
    @WithDefault("7d")
    Duration lookback();
}
