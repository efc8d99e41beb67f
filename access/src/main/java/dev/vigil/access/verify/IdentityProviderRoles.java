package dev.vigil.access.verify;

import dev.vigil.access.role.Role;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The role an identity provider's caller gets from the values of its role claim ({@code vigil.access.oidc.roles.*}):
 * the highest role any of them maps to; none when none does.
 */
final class IdentityProviderRoles {

    private final Map<Role, Set<String>> valuesByRole;

    private IdentityProviderRoles(Map<Role, Set<String>> valuesByRole) {
        this.valuesByRole = valuesByRole;
    }

    /**
     * The mapping {@code vigil.access.oidc.roles} holds, keyed by role id; fails naming the setting on a key that is
     * no role.
     */
    static IdentityProviderRoles of(Map<String, List<String>> byRoleId) {
        Map<Role, Set<String>> byRole = new EnumMap<>(Role.class);
        byRoleId.forEach((id, values) -> byRole.put(Role.parse(id).orElseThrow(() -> new IllegalArgumentException(
                "vigil.access.oidc.roles." + id + " names no role; the roles are viewer, editor and admin")),
                Set.copyOf(values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList())));
        return new IdentityProviderRoles(byRole);
    }

    boolean isEmpty() {
        return valuesByRole.values().stream().allMatch(Set::isEmpty);
    }

    Optional<Role> role(Collection<String> claimValues) {
        Optional<Role> highest = Optional.empty();
        for (Map.Entry<Role, Set<String>> entry : valuesByRole.entrySet()) {
            if (claimValues.stream().anyMatch(entry.getValue()::contains)) {
                highest = Optional.of(entry.getKey()); // EnumMap iterates from the lowest role up
            }
        }
        return highest;
    }
}
