package dev.vigil.alert.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.devstack.testing.FakeIdentityProvider;
import dev.vigil.devstack.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * alert-service with an identity provider (the loopback {@link FakeIdentityProvider}): its access tokens are callers
 * with the role their groups map to, verified against the provider's published key, issuer, audience and expiry,
 * while keys and sessions go on working as before.
 */
@QuarkusTest
@TestProfile(IdentityProviderTokenTest.WithIdentityProvider.class)
class IdentityProviderTokenTest {

    /** The provider, with Grafana's client as a second audience (Grafana forwarding its users' tokens). */
    public static final class WithIdentityProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeIdentityProvider.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.access.oidc.audience", FakeIdentityProvider.CLIENT_ID + ",grafana");
        }
    }

    private static final String ADMIN_ONLY = "/api/v1/access/keys";
    private static final String VIEWER_MAY = "/api/v1/auth/me";

    @ConfigProperty(name = FakeIdentityProvider.ISSUER_PROPERTY)
    String issuer;

    @Test
    void anAdminGroupsTokenOpensAnAdminEndpoint() {
        String token = FakeIdentityProvider.token(issuer).username("ada").groups(FakeIdentityProvider.ADMINS).sign();

        given().header("Authorization", "Bearer " + token).get(ADMIN_ONLY).then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get(VIEWER_MAY).then().statusCode(200)
                .body("name", equalTo("oidc:ada")).body("kind", equalTo("oidc")).body("role", equalTo("admin"));
    }

    @Test
    void aViewerGroupsTokenReadsButIsRefusedAnAdminEndpoint() {
        String token = FakeIdentityProvider.token(issuer).username("vic").groups(FakeIdentityProvider.VIEWERS).sign();

        given().header("Authorization", "Bearer " + token).get(ADMIN_ONLY).then().statusCode(403);
        given().header("Authorization", "Bearer " + token).get("/api/v1/rules").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get(VIEWER_MAY).then().statusCode(200)
                .body("role", equalTo("viewer"));
    }

    @Test
    void aTokenWhoseGroupsMapToNoRoleIsRefusedEverywhere() {
        String token = FakeIdentityProvider.token(issuer).groups("admin", "vigil-strangers").sign();

        given().header("Authorization", "Bearer " + token).get(VIEWER_MAY).then().statusCode(403);
        given().header("Authorization", "Bearer " + token).get(ADMIN_ONLY).then().statusCode(403);
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        String token = FakeIdentityProvider.token(issuer).groups(FakeIdentityProvider.ADMINS)
                .expires(Instant.now().minusSeconds(120)).sign();

        given().header("Authorization", "Bearer " + token).get(VIEWER_MAY).then().statusCode(401)
                .body("error", equalTo("unauthenticated"));
    }

    @Test
    void aTokenOfAnotherIssuerIsUnauthenticated() {
        String token = FakeIdentityProvider.token(issuer).issuer("https://idp.example.org/realms/other")
                .groups(FakeIdentityProvider.ADMINS).sign();

        given().header("Authorization", "Bearer " + token).get(VIEWER_MAY).then().statusCode(401);
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthenticated() {
        String token = FakeIdentityProvider.token(issuer).audience("another-app").groups(FakeIdentityProvider.ADMINS)
                .sign();

        given().header("Authorization", "Bearer " + token).get(VIEWER_MAY).then().statusCode(401);
    }

    @Test
    void aTokenForASecondConfiguredAudienceIsACaller() {
        String token = FakeIdentityProvider.token(issuer).audience("grafana").username("graf")
                .groups(FakeIdentityProvider.VIEWERS).sign();

        given().header("Authorization", "Bearer " + token).get(VIEWER_MAY).then().statusCode(200)
                .body("name", equalTo("oidc:graf"));
    }

    @Test
    void aTokenSignedByAnUnpublishedKeyIsUnauthenticated() {
        String token = FakeIdentityProvider.token(issuer).groups(FakeIdentityProvider.ADMINS).signedByAnotherKey()
                .sign();

        given().header("Authorization", "Bearer " + token).get(VIEWER_MAY).then().statusCode(401);
    }

    @Test
    void keysAndSessionsStillWorkBesideTheProvider() {
        given().header("Authorization", TestCredentials.adminAuthorization()).get(VIEWER_MAY).then().statusCode(200)
                .body("name", equalTo("bootstrap")).body("kind", equalTo("key"));
        given().header("Authorization", "Bearer vgk_nosuchkey00_" + "x".repeat(43)).get(VIEWER_MAY).then()
                .statusCode(401);

        String username = "idp-neighbour-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "role", "editor", "password", "a long enough password"))
                .post("/api/v1/access/users").then().statusCode(201);
        String session = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "a long enough password"))
                .post("/api/v1/auth/login").then().statusCode(200).extract().cookie("vigil_session");
        given().cookie("vigil_session", session).get(VIEWER_MAY).then().statusCode(200)
                .body("name", equalTo(username)).body("kind", equalTo("user"));
    }

    @Test
    void theAuditLogNamesTheProvidersCaller() {
        String username = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        String token = FakeIdentityProvider.token(issuer).username(username).groups(FakeIdentityProvider.ADMINS)
                .sign();

        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("name", "made through the provider", "role", "viewer"))
                .post(ADMIN_ONLY).then().statusCode(201);

        given().queryParam("actor", "oidc:" + username).get("/api/v1/audit").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].objectKind", equalTo("key"));
    }

    @Test
    void withoutPreferredUsernameTheCallerIsNamedBySubject() {
        String token = FakeIdentityProvider.token(issuer).subject("3f2a-subject").groups(FakeIdentityProvider.VIEWERS)
                .sign();

        given().header("Authorization", "Bearer " + token).get(VIEWER_MAY).then().statusCode(200)
                .body("name", equalTo("oidc:3f2a-subject"));
    }
}
