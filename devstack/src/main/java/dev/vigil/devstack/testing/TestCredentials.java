package dev.vigil.devstack.testing;

/**
 * The tests' admin key: the services' {@code %test} profile and every {@link PackagedService} are given its SHA-256
 * as {@code vigil.access.admin-key-sha256}, so tests reach the APIs like any client, with a key. It opens nothing
 * outside tests: a service knows only the hash, and only under the test profile or when a test starts it.
 * {@link RestAssuredCredentials} sends it from {@code @QuarkusTest} classes.
 */
public final class TestCredentials {

    /** An admin key, named {@code bootstrap} by the services. */
    public static final String ADMIN_KEY = "vgk_testadmin000_Vigil-test-admin-key-not-for-production-use";
    /** Hex SHA-256 of {@link #ADMIN_KEY}. */
    public static final String ADMIN_KEY_SHA256 = "8def9e51fc78d978981f4bafb342932ee83ce928d822afc16b290322d4d8d0d2";
    /** The config key the hash goes to. */
    public static final String ADMIN_KEY_SHA256_PROPERTY = "vigil.access.admin-key-sha256";

    private TestCredentials() {
    }

    /** {@code Bearer <admin key>}, for a test's own HTTP client. */
    public static String adminAuthorization() {
        return "Bearer " + ADMIN_KEY;
    }
}
