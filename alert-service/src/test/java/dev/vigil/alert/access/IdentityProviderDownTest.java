package dev.vigil.alert.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.vigil.devstack.testing.FakeIdentityProvider;
import dev.vigil.devstack.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * alert-service set up for an identity provider that cannot be reached: it starts all the same, keys work, and a
 * token of the provider is answered 503 with {@code Retry-After} (it cannot be verified now), never trusted unverified.
 */
@QuarkusTest
@TestProfile(IdentityProviderDownTest.ProviderUnreachable.class)
class IdentityProviderDownTest {

    /** Port 9 (discard): nothing listens there on a test machine, and the profile and the test agree on it. */
    private static final String ISSUER = "http://127.0.0.1:9/realms/vigil";

    public static final class ProviderUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vigil.access.oidc.enabled", "true",
                    FakeIdentityProvider.ISSUER_PROPERTY, ISSUER,
                    "vigil.access.oidc.client-id", FakeIdentityProvider.CLIENT_ID,
                    "vigil.access.oidc.roles.admin", FakeIdentityProvider.ADMINS);
        }
    }

    @Test
    void startsAndKeysWorkWhileTheProvidersTokensWaitForIt() {
        given().header("Authorization", TestCredentials.adminAuthorization()).get("/api/v1/auth/me").then()
                .statusCode(200).body("name", equalTo("bootstrap"));

        String token = FakeIdentityProvider.token(ISSUER).groups(FakeIdentityProvider.ADMINS).sign();
        given().header("Authorization", "Bearer " + token).get("/api/v1/auth/me").then().statusCode(503)
                .header("Retry-After", notNullValue()).body("error", equalTo("unavailable"));
    }
}
