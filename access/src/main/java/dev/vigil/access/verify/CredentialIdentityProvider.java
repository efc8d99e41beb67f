package dev.vigil.access.verify;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** Turns a presented credential into the caller's identity, or fails it (401). */
@Singleton
final class CredentialIdentityProvider implements IdentityProvider<CredentialRequest> {

    private final CredentialLookup lookup;

    CredentialIdentityProvider(CredentialLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Class<CredentialRequest> getRequestType() {
        return CredentialRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CredentialRequest request, AuthenticationRequestContext context) {
        return lookup.caller(request.credential())
                .map(caller -> caller.orElseThrow(() -> new AuthenticationFailedException("unknown credential"))
                        .identity());
    }
}
