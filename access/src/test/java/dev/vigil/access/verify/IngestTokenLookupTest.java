package dev.vigil.access.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.credential.IngestToken;
import dev.vigil.access.credential.Sha256;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
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

    /** The configuration as the services read it: defaults, plus the bootstrap token's hash when given. */
    private static AccessConfig config(Optional<String> ingestTokenSha256) {
        Map<String, String> settings = ingestTokenSha256.map(hash -> Map.of("vigil.access.ingest-token-sha256", hash))
                .orElse(Map.of());
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "test", 300))
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "10s", "12h"
                .withMapping(AccessConfig.class)
                .build();
        return config.getConfigMapping(AccessConfig.class);
    }
}
