package dev.vigil.access.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.access.role.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityProviderRolesTest {

    private final IdentityProviderRoles roles = IdentityProviderRoles.of(Map.of(
            "viewer", List.of("staff", " contractors "),
            "editor", List.of("sre"),
            "admin", List.of("vigil-admins")));

    @Test
    void theHighestMappedRoleWins() {
        assertThat(roles.role(List.of("staff", "vigil-admins", "sre"))).contains(Role.ADMIN);
        assertThat(roles.role(List.of("contractors", "sre"))).contains(Role.EDITOR);
        assertThat(roles.role(List.of("contractors"))).contains(Role.VIEWER);
    }

    @Test
    void valuesThatMapToNoRoleGiveNone() {
        assertThat(roles.role(List.of())).isEmpty();
        assertThat(roles.role(List.of("admin", "Vigil-Admins", "editor"))).isEmpty();
    }

    @Test
    void aKeyThatIsNoRoleIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> IdentityProviderRoles.of(Map.of("owner", List.of("x"))))
                .hasMessageContaining("vigil.access.oidc.roles.owner");
    }

    @Test
    void anEmptyMappingIsEmpty() {
        assertThat(IdentityProviderRoles.of(Map.of()).isEmpty()).isTrue();
        assertThat(IdentityProviderRoles.of(Map.of("admin", List.of(" "))).isEmpty()).isTrue();
        assertThat(roles.isEmpty()).isFalse();
    }
}
