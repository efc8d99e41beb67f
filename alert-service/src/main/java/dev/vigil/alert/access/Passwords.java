package dev.vigil.alert.access;

import dev.vigil.access.credential.PasswordHash;
import dev.vigil.access.verify.AccessConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;

/**
 * Password hashing off the event loop: one PBKDF2 run at the configured iterations takes a good part of a second of
 * CPU by design, which must not stall other requests.
 */
@Singleton
final class Passwords {

    private final AccessConfig config;
    /** Checked against when the user does not exist, so that answer takes as long as a wrong password. */
    private final String absentUsersHash;

    Passwords(AccessConfig config) {
        this.config = config;
        this.absentUsersHash = PasswordHash.hash("no user has this password", config.passwordIterations());
    }

    Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> PasswordHash.hash(password, config.passwordIterations()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Whether {@code password} matches {@code stored}; with no stored hash, false after the same work. */
    Uni<Boolean> matches(String password, String stored) {
        return Uni.createFrom().item(() -> {
                    if (stored == null) {
                        PasswordHash.verify(password, absentUsersHash);
                        return false;
                    }
                    return PasswordHash.verify(password, stored);
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
