package dev.vigil.devstack.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;

/**
 * Registered once for every module's {@code @QuarkusTest} classes (META-INF/services): RestAssured sends the test
 * admin key unless a request brings its own credential.
 */
public final class AdminKeyCallback implements QuarkusTestBeforeClassCallback {

    @Override
    public void beforeClass(Class<?> testClass) {
        RestAssuredCredentials.sendAdminKeyByDefault();
    }
}
