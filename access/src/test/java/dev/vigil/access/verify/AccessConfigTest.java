package dev.vigil.access.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identity provider's settings as an installation gives them: defaults, and environment variables. */
class AccessConfigTest {

    private static AccessConfig.Oidc oidc(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "10s", "12h"
                .withMapping(AccessConfig.class)
                .build();
        return config.getConfigMapping(AccessConfig.class).oidc();
    }

    @Test
    void theProviderIsOffWithoutSettings() {
        AccessConfig.Oidc oidc = oidc(Map.of());

        assertThat(oidc.enabled()).isFalse();
        assertThat(oidc.issuer()).isEmpty();
        assertThat(oidc.roleClaim()).isEqualTo("groups");
        assertThat(oidc.roles()).isEmpty();
    }

    @Test
    void environmentVariablesSetEveryRolesValues() {
        AccessConfig.Oidc oidc = oidc(Map.of(
                "VIGIL_ACCESS_OIDC_ENABLED", "true",
                "VIGIL_ACCESS_OIDC_ISSUER", "https://idp.example.org/realms/ops",
                "VIGIL_ACCESS_OIDC_ROLES_ADMIN", "vigil-admins",
                "VIGIL_ACCESS_OIDC_ROLES_VIEWER", "staff,contractors"));

        assertThat(oidc.enabled()).isTrue();
        assertThat(oidc.issuer()).contains("https://idp.example.org/realms/ops");
        assertThat(oidc.roles()).isEqualTo(Map.of("admin", List.of("vigil-admins"),
                "viewer", List.of("staff", "contractors")));
    }
}
