package dev.vigil.alert.route;

import io.vertx.pgclient.PgException;
import org.hibernate.exception.ConstraintViolationException;

import java.util.Optional;

/** Which PostgreSQL constraint a failed write violated, however Hibernate Reactive wrapped the error. */
final class Constraints {

    private Constraints() {
    }

    static Optional<String> violated(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                return Optional.of(violation.getConstraintName());
            }
            if (cause instanceof PgException pg && pg.getConstraint() != null) {
                return Optional.of(pg.getConstraint());
            }
        }
        // Not every violation is given a name by the dialect (a RESTRICT delete is not): read PostgreSQL's message.
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            java.util.regex.Matcher named = NAMED.matcher(String.valueOf(cause.getMessage()));
            if (named.find()) {
                return Optional.of(named.group(1));
            }
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile("constraint \"([a-z_]+)\"");
}
