package dev.vigil.access.verify;

import dev.vigil.access.role.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Optional;

/**
 * Who a request comes from: a key's or a user's name, or an identity provider's caller, which of these, and its role.
 *
 * @param name the key's name ({@code bootstrap} for the configured admin key), the user name, or
 *             {@code oidc:<preferred_username or sub>} for a caller with an identity provider's token
 */
public record Caller(String name, Kind kind, Role role) {

    public enum Kind { KEY, USER, OIDC }

    private static final String ATTRIBUTE = "vigil.caller";

    /** The caller behind an authenticated identity; empty for an anonymous one. */
    public static Optional<Caller> of(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? Optional.empty()
                : Optional.ofNullable(identity.getAttribute(ATTRIBUTE));
    }

    SecurityIdentity identity() {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(role.granted())
                .addAttribute(ATTRIBUTE, this)
                .build();
    }
}
