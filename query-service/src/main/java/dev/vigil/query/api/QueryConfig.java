package dev.vigil.query.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How much one API request may ask for: its time window and its page size. Checked at start-up. */
@ConfigMapping(prefix = "vigil.query")
public interface QueryConfig {

    /** The window of a request without {@code from}: this long before {@code to} (or now). */
    @WithDefault("1h")
    Duration defaultWindow();

    /** The longest {@code to - from} a request may ask for; longer is a 400. */
    @WithDefault("7d")
    Duration maxWindow();

    /** Page size when {@code limit} is absent. */
    @WithDefault("20")
    int defaultLimit();

    /** The largest {@code limit} accepted; larger is a 400. */
    @WithDefault("1000")
    int maxLimit();
}
