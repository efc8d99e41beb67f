package dev.vigil.access.verify;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.json.JsonString;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Makes an identity quarkus-oidc verified (a JWT access token: signature by the provider's keys, issuer, audience,
 * expiry) into a Vigil caller named {@code oidc:<preferred_username or sub>}, with the role
 * {@code vigil.access.oidc.roles} maps its role claim's values to. The identity is built anew: the provider's group
 * names never count as Vigil roles by themselves, and a caller whose values map to no role holds none (403
 * everywhere).
 */
@Singleton
final class IdentityProviderCallers implements SecurityIdentityAugmentor {

    static final String NAME_PREFIX = "oidc:";

    private final IdentityProviderRoles roles;

    IdentityProviderCallers(AccessConfig config) {
        this.roles = IdentityProviderRoles.of(config.oidc().roles());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || Caller.of(identity).isPresent()) {
            return Uni.createFrom().item(identity);
        }
        String name = NAME_PREFIX + text(token, "preferred_username").orElse(token.getSubject());
        return Uni.createFrom().item(roles.role(identity.getRoles())
                .map(role -> new Caller(name, Caller.Kind.OIDC, role).identity())
                .orElseGet(() -> QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).build()));
    }

    private static Optional<String> text(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        String text = value instanceof JsonString json ? json.getString() : value instanceof String s ? s : null;
        return Optional.ofNullable(text).filter(t -> !t.isBlank());
    }
}
