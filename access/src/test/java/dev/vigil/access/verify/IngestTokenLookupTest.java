package dev.vigil.access.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.credential.IngestToken;
import dev.vigil.access.credential.Sha256;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The answers that need no PostgreSQL: the lookup is given none, so asking it would fail the test. */
class IngestTokenLookupTest {

    private static final String BOOTSTRAP = IngestToken.generate().text();

    private static IngestTokenLookup lookup(Optional<String> ingestTokenSha256) {
        return new IngestTokenLookup(null, config(ingestTokenSha256));
    }

    @Test
    void theBootstrapTokenIsAGrantOfEverythingWithoutPostgreSql() {
        Optional<IngestGrant> grant = lookup(Optional.of(Sha256.hex(BOOTSTRAP))).grant(BOOTSTRAP).await().indefinitely();

        assertThat(grant).contains(IngestGrant.everything(IngestTokenLookup.BOOTSTRAP));
    }

    @Test
    void somethingNotShapedLikeAnIngestTokenIsNoneWithoutAQuery() {
        IngestTokenLookup lookup = lookup(Optional.of(Sha256.hex(BOOTSTRAP)));

        assertThat(lookup.grant("vgk_testadmin000_Vigil-test-admin-key-not-for-production-use").await().indefinitely())
                .isEmpty();
        assertThat(lookup.grant(BOOTSTRAP + "x").await().indefinitely()).isEmpty();
        assertThat(lookup.grant("").await().indefinitely()).isEmpty();
    }

    private static AccessConfig config(Optional<String> ingestTokenSha256) {
        return new AccessConfig() {
            @Override
            public Optional<String> adminKeySha256() {
                return Optional.empty();
            }

            @Override
            public Optional<String> ingestTokenSha256() {
                return ingestTokenSha256;
            }

            @Override
            public Duration cacheTtl() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration sessionDuration() {
                return Duration.ofHours(12);
            }

            @Override
            public int passwordIterations() {
                return 600_000;
            }

            @Override
            public int loginFailures() {
                return 5;
            }

            @Override
            public Duration loginFailureWindow() {
                return Duration.ofMinutes(5);
            }
        };
    }
}
