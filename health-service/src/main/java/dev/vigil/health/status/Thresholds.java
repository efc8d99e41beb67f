package dev.vigil.health.status;

/**
 * The two levels a ratio (usage against a limit, say) is judged by: at or past {@code warning} it is a
 * warning, at or past {@code critical} critical.
 */
public record Thresholds(double warning, double critical) {

    public Thresholds {
        if (!(warning > 0 && warning <= critical)) {
            throw new IllegalArgumentException("warning must be positive and at most critical, were "
                    + warning + " and " + critical);
        }
    }

    public HealthStatus judge(double value) {
        if (value >= critical) {
            return HealthStatus.CRITICAL;
        }
        return value >= warning ? HealthStatus.WARNING : HealthStatus.HEALTHY;
    }
}
