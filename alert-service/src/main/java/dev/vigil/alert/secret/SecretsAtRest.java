package dev.vigil.alert.secret;

import dev.vigil.alert.postgres.RetriedUntilDone;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;


/**
 * Checks the keys at start (a missing or malformed key stops the start, naming the setting) and brings every stored
 * channel secret to the current key: plaintext ones written before encryption existed and ones sealed with a previous
 * key are sealed again. Idempotent: a secret already sealed with the current key is left alone, and each row is
 * changed only if it still holds what was read, so replicas starting together and concurrent updates do not clash.
 */
@Singleton
final class SecretsAtRest {

    private static final String ALL = "SELECT id, secret FROM channel";
    private static final String RESEAL = "UPDATE channel SET secret = $2 WHERE id = $1 AND secret = $3";

    private final SecretBox box;
    private final Pool database;
    private volatile RetriedUntilDone sealing;

    SecretsAtRest(SecretBox box, Pool database) {
        this.box = box;
        this.database = database;
    }

    @Produces
    @Singleton
    static SecretBox box(SecretsConfig config) {
        return SecretBox.of(config);
    }

    // Before the schema migration (priority 1): a missing or malformed key stops the start whatever PostgreSQL does.
    void checkKeysAtStart(@Observes @Priority(0) StartupEvent start) {
        Log.infof("channel secrets are encrypted with key %s", box.currentKeyId());
    }

    // After the schema migration (priority 1), before shipped dashboards (10).
    void sealAtStart(@Observes @Priority(5) StartupEvent start) {
        sealing = RetriedUntilDone.start("sealing channel secrets with the current key", () -> {
            int changed = sealAll();
            if (changed > 0) {
                Log.infof("%d channel secret(s) encrypted with the current key", changed);
            }
        });
    }

    void stopTrying(@Observes ShutdownEvent stop) {
        if (sealing != null) {
            sealing.stop();
        }
    }

    /** Seals every secret not sealed with the current key; the number it changed. */
    int sealAll() {
        int changed = 0;
        for (Row row : database.query(ALL).executeAndAwait()) {
            String stored = row.getString("secret");
            if (box.isSealedWithCurrentKey(stored)) {
                continue;
            }
            String secret;
            try {
                secret = SecretBox.isSealed(stored) ? box.open(stored) : stored;
            } catch (IllegalArgumentException e) {
                // Left as it is: the channel's deliveries fail and say why; the others are sealed all the same.
                Log.warnf("channel %d: %s", row.getLong("id"), e.getMessage());
                continue;
            }
            changed += database.preparedQuery(RESEAL).executeAndAwait(Tuple.of(row.getLong("id"), box.seal(secret), stored))
                    .rowCount();
        }
        return changed;
    }
}
