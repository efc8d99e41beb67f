package dev.vigil.ingest.consume;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The supervision of the consumer loops the persist and forward stages run on. */
@ConfigMapping(prefix = "vigil.ingest.consume")
interface ConsumeConfig {

    /** The wait before a loop whose thread died starts again; it doubles per death in a row up to the maximum. */
    @WithDefault("1s")
    Duration restartInitialBackoff();

    @WithDefault("1m")
    Duration restartMaxBackoff();

    static Backoff restartBackoff(ConsumeConfig config) {
        if (config.restartInitialBackoff().isNegative() || config.restartInitialBackoff().isZero()
                || config.restartMaxBackoff().compareTo(config.restartInitialBackoff()) < 0) {
            throw new IllegalStateException("vigil.ingest.consume.restart-initial-backoff must be positive and at most"
                    + " vigil.ingest.consume.restart-max-backoff, were " + config.restartInitialBackoff() + " and "
                    + config.restartMaxBackoff());
        }
        return new Backoff(config.restartInitialBackoff(), config.restartMaxBackoff());
    }
}
