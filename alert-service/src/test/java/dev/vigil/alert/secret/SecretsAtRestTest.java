package dev.vigil.alert.secret;

import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Channel secrets in PostgreSQL, as written before encryption existed and as the service keeps them. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class SecretsAtRestTest {

    @Inject
    Pool database;

    @Inject
    SecretsAtRest atRest;

    @Inject
    SecretBox box;

    /** The hole: secrets were stored in plain text. A row from before is encrypted at start, once. */
    @Test
    void aPlaintextSecretIsEncryptedOnceAndStillOpens() {
        String secret = "https://hooks.slack.example/services/T1/B1/" + UUID.randomUUID();
        long id = database.preparedQuery("INSERT INTO channel (name, type, settings, secret) VALUES ($1, 'slack', '{}', $2)"
                + " RETURNING id").executeAndAwait(Tuple.of("plaintext " + UUID.randomUUID(), secret)).iterator().next().getLong("id");

        atRest.sealAll();
        String sealed = raw(id);
        atRest.sealAll();

        assertThat(sealed).startsWith(SecretBox.PREFIX).doesNotContain(secret).doesNotContain("hooks.slack.example");
        assertThat(raw(id)).as("a second pass changes nothing").isEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo(secret);
    }

    private String raw(long id) {
        return database.preparedQuery("SELECT secret FROM channel WHERE id = $1").executeAndAwait(Tuple.of(id))
                .iterator().next().getString("secret");
    }
}
