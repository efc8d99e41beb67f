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
        return Optional.empty();
    }
}
