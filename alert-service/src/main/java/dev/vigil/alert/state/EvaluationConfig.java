package dev.vigil.alert.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How this replica takes part in rule evaluation. */
@ConfigMapping(prefix = "vigil.alert.evaluation")
public interface EvaluationConfig {

    /** Whether this replica evaluates rules at all. */
    @WithDefault("true")
    boolean enabled();

    /** This replica's name in the lease table; a random one per start when unset. */
    Optional<String> instanceId();

    /**
     * How long a lease on a rule lasts without renewal: after a crash, the rules of the crashed replica
     * are evaluated again after at most this long.
     */
    @WithDefault("15s")
    Duration leaseDuration();

    /** How often held leases are renewed and free rules claimed; well below the lease duration. */
    @WithDefault("3s")
    Duration leaseRenewal();

    /** How often the scheduler looks for due evaluations; bounds how late an evaluation starts. */
    @WithDefault("100ms")
    Duration tick();

    static void validate(EvaluationConfig config) {
        if (config.tick().isNegative() || config.tick().isZero() || config.tick().compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalStateException("vigil.alert.evaluation.tick must be between 1ms and 1s, was " + config.tick());
        }
        if (config.leaseRenewal().isNegative() || config.leaseRenewal().isZero()) {
            throw new IllegalStateException("vigil.alert.evaluation.lease-renewal must be positive, was " + config.leaseRenewal());
        }
        if (config.leaseDuration().compareTo(config.leaseRenewal().multipliedBy(2)) < 0) {
            throw new IllegalStateException("vigil.alert.evaluation.lease-duration must be at least twice"
                    + " vigil.alert.evaluation.lease-renewal, was " + config.leaseDuration() + " and " + config.leaseRenewal());
        }
        config.instanceId().ifPresent(id -> {
            if (id.isBlank()) {
                throw new IllegalStateException("vigil.alert.evaluation.instance-id must not be blank");
            }
        });
    }
}
