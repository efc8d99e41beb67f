package dev.vigil.alert.postgres;

import io.vertx.pgclient.PgException;

import java.util.Optional;

/** Which PostgreSQL constraint a failed statement violated, so that a store can answer it as a conflict. */
public final class Constraints {

    private Constraints() {
    }

    public static Optional<String> violated(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg && pg.getConstraint() != null) {
                return Optional.of(pg.getConstraint());
            }
        }
        return Optional.empty();
    }
}
