package dev.vigil.alert.rule;

import dev.vigil.alert.condition.SpecReader;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * What one rule may cost ClickHouse: every rule runs its query over its window at each interval, so a short
 * interval over a long window, times many rules, is a steady load. Checked when a rule is created or replaced;
 * ClickHouse stops any one rule query after {@code vigil.clickhouse.query.max-execution-time}.
 */
@ConfigMapping(prefix = "vigil.alert.rules")
public interface RuleLimits {

    /** The shortest evaluation interval a rule may have; whole seconds. */
    @WithDefault("10s")
    Duration minInterval();

    /** The longest window a rule may query; whole seconds. */
    @WithDefault("24h")
    Duration maxWindow();

    static void validate(RuleLimits limits) {
        long interval = limits.minInterval().getSeconds();
        if (limits.minInterval().getNano() != 0 || interval < RuleDefinition.MIN_INTERVAL_SECONDS
                || interval > RuleDefinition.MAX_INTERVAL_SECONDS) {
            throw new IllegalStateException("vigil.alert.rules.min-interval must be whole seconds between "
                    + RuleDefinition.MIN_INTERVAL_SECONDS + "s and " + RuleDefinition.MAX_INTERVAL_SECONDS + "s, was "
                    + limits.minInterval());
        }
        long window = limits.maxWindow().getSeconds();
        if (limits.maxWindow().getNano() != 0 || window < 1 || window > SpecReader.MAX_WINDOW_SECONDS) {
            throw new IllegalStateException("vigil.alert.rules.max-window must be whole seconds between 1s and "
                    + SpecReader.MAX_WINDOW_SECONDS + "s, was " + limits.maxWindow());
        }
    }
}
