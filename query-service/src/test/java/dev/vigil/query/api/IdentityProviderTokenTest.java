package dev.vigil.query.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.devstack.testing.FakeIdentityProvider;
import dev.vigil.devstack.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** query-service with an identity provider: its tokens read with the mapped role; keys work beside them. */
@QuarkusTest
@TestProfile(IdentityProviderTokenTest.WithIdentityProvider.class)
class IdentityProviderTokenTest {

    public static final class WithIdentityProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeIdentityProvider.class));
        }
    }

    @ConfigProperty(name = FakeIdentityProvider.ISSUER_PROPERTY)
    String issuer;

    /** A viewer's read that needs no stored telemetry (Grafana asks it first). */
    private static final String VIEWER_READ = "/prometheus/api/v1/status/buildinfo";

    @Test
    void aViewerGroupsTokenReads() {
        String token = FakeIdentityProvider.token(issuer).username("vic").groups(FakeIdentityProvider.VIEWERS).sign();

        given().header("Authorization", "Bearer " + token).get(VIEWER_READ).then().statusCode(200)
                .body("data.revision", equalTo("vigil"));
    }

    @Test
    void aTokenWithoutAMappedGroupIsForbiddenAndAForgedOneUnauthenticated() {
        String unmapped = FakeIdentityProvider.token(issuer).groups("everyone").sign();
        String forged = FakeIdentityProvider.token(issuer).groups(FakeIdentityProvider.ADMINS).signedByAnotherKey()
                .sign();

        given().header("Authorization", "Bearer " + unmapped).get(VIEWER_READ).then().statusCode(403);
        given().header("Authorization", "Bearer " + forged).get(VIEWER_READ).then().statusCode(401);
    }

    @Test
    void aKeyStillReads() {
        given().header("Authorization", TestCredentials.adminAuthorization()).get(VIEWER_READ).then().statusCode(200);
    }
}
