package dev.vigil.access.verify;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A credential as a request carried it: an API key or a session token, from the header or the cookie. */
final class CredentialRequest extends BaseAuthenticationRequest {

    private final String credential;

    CredentialRequest(String credential) {
        this.credential = credential;
    }

    String credential() {
        return credential;
    }
}
