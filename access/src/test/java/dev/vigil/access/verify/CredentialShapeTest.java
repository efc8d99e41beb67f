package dev.vigil.access.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.credential.ApiKey;
import dev.vigil.access.credential.SessionToken;
import org.junit.jupiter.api.Test;

/** Which bearer credentials go to the identity provider: JWTs only, never a key or a session token. */
class CredentialShapeTest {

    @Test
    void aCompactJwsIsAJwt() {
        assertThat(CredentialMechanism.isJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")).isTrue();
    }

    @Test
    void keysAndSessionTokensAreNot() {
        assertThat(CredentialMechanism.isJwt(ApiKey.generate().text())).isFalse();
        assertThat(CredentialMechanism.isJwt(SessionToken.generate())).isFalse();
    }

    @Test
    void dotsInTheWrongPlacesAreNot() {
        assertThat(CredentialMechanism.isJwt("a.b")).isFalse();
        assertThat(CredentialMechanism.isJwt("a.b.c.d")).isFalse();
        assertThat(CredentialMechanism.isJwt(".b.c")).isFalse();
        assertThat(CredentialMechanism.isJwt("a..c")).isFalse();
        assertThat(CredentialMechanism.isJwt("a.b.")).isFalse();
    }
}
