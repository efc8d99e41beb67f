package dev.vigil.query.prometheus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits of the Prometheus API's queries, with Prometheus's own defaults. */
@ConfigMapping(prefix = "vigil.query.prometheus")
public interface PrometheusConfig {

    /** The most samples one query may hold (Prometheus's {@code --query.max-samples}). */
    @WithDefault("50000000")
    long maxSamples();

    /** How long one query may run (Prometheus's {@code --query.timeout}). */
    @WithDefault("2m")
    Duration timeout();

    /** How far back a selector looks for a series' latest sample (Prometheus's {@code --query.lookback-delta}). */
    @WithDefault("5m")
    Duration lookbackDelta();

    /** The most steps a range query may have per series (Prometheus's fixed 11,000). */
    @WithDefault("11000")
    int maxPoints();
}
