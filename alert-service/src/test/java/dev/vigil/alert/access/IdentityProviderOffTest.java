package dev.vigil.alert.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.FakeIdentityProvider;
import dev.vigil.devstack.testing.TestCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without an identity provider (the default) a well-formed, well-signed JWT is no credential; keys work as ever. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class IdentityProviderOffTest {

    @Test
    void aJwtIsUnauthenticatedAndAKeyIsNot() {
        String token = FakeIdentityProvider.token("http://127.0.0.1:9/realms/vigil").username("ada")
                .groups(FakeIdentityProvider.ADMINS).sign();

        given().header("Authorization", "Bearer " + token).get("/api/v1/auth/me").then().statusCode(401)
                .body("error", equalTo("unauthenticated"));
        given().header("Authorization", TestCredentials.adminAuthorization()).get("/api/v1/access/keys").then()
                .statusCode(200);
    }
}
