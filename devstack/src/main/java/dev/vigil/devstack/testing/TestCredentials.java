package dev.vigil.devstack.testing;

import java.util.Map;

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

    /**
     * An ingest token for every signal and pipeline, named {@code bootstrap-ingest} by ingest-service: what the tests'
     * OTLP exporters and remote-write clients send ({@code Authorization: Bearer …}).
     */
    public static final String INGEST_TOKEN = "vgi_testingest00_Vigil-test-ingest-token-not-for-production0";
    /** Hex SHA-256 of {@link #INGEST_TOKEN}. */
    public static final String INGEST_TOKEN_SHA256 = "0e31c91152ce3f6f990c957a4197aba651026dde87a924010681d0aa2f678c67";
    /** The config key the ingest token's hash goes to. */
    public static final String INGEST_TOKEN_SHA256_PROPERTY = "vigil.access.ingest-token-sha256";

    private TestCredentials() {
    }

    /** {@code Bearer <admin key>}, for a test's own HTTP client. */
    public static String adminAuthorization() {
        return "Bearer " + ADMIN_KEY;
    }

    /** {@code Bearer <ingest token>}, the {@code Authorization} header of a test's OTLP or remote-write client. */
    public static String ingestAuthorization() {
        return "Bearer " + INGEST_TOKEN;
    }

    /** The headers an OTLP exporter of a test sends, for {@code setHeaders(...)} of the SDK's exporter builders. */
    public static Map<String, String> otlpHeaders() {
        return Map.of("Authorization", ingestAuthorization());
    }
}
