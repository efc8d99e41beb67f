package dev.vigil.health.status;

import java.time.Instant;
import java.util.List;

/**
 * Something's status changed.
 *
 * @param subject  what changed, as a path: {@code platform}, {@code platform/kafka}, {@code cluster},
 *                 {@code cluster/nodes/<node>}, {@code cluster/pods/<namespace>/<pod>} …
 * @param previous the status before; {@code null} when the subject was not known before
 * @param reasons  why the new status is not healthy, empty when it is
 */
public record StatusChange(String subject, HealthStatus previous, HealthStatus status, List<String> reasons,
        Instant at) {

    public StatusChange {
        reasons = List.copyOf(reasons);
    }
}
