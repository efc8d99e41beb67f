package dev.vigil.devstack.testing;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.RequestSpecification;

/**
 * The tests' admin key: the services' {@code %test} profile and every {@link PackagedService} are given its SHA-256
 * as {@code vigil.access.admin-key-sha256}, so tests reach the APIs like any client, with a key. It opens nothing
 * outside tests: a service knows only the hash, and only under the test profile or when a test starts it.
 */
public final class TestCredentials {

    /** An admin key, named {@code bootstrap} by the services. */
    public static final String ADMIN_KEY = "vgk_testadmin000_Vigil-test-admin-key-not-for-production-use";
    /** Hex SHA-256 of {@link #ADMIN_KEY}. */
    public static final String ADMIN_KEY_SHA256 = "8def9e51fc78d978981f4bafb342932ee83ce928d822afc16b290322d4d8d0d2";
    /** The config key the hash goes to. */
    public static final String ADMIN_KEY_SHA256_PROPERTY = "vigil.access.admin-key-sha256";

    /** Marks a request that must go without credentials; removed before it is sent. */
    private static final String NO_CREDENTIALS = "X-Test-No-Credentials";

    private TestCredentials() {
    }

    /** {@code Bearer <admin key>}, for a test's own HTTP client. */
    public static String adminAuthorization() {
        return "Bearer " + ADMIN_KEY;
    }

    /** For a RestAssured request that must carry no credential at all: {@code given().spec(TestCredentials.none())}. */
    public static RequestSpecification none() {
        return new RequestSpecBuilder().addHeader(NO_CREDENTIALS, "1").build();
    }

    /**
     * Has RestAssured send the admin key with every request that carries no credential of its own (no
     * {@code Authorization} header, no {@code Cookie}); a test proving a refusal sends its own, or uses its own client.
     */
    public static void sendAdminKeyByDefault() {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof AdminKeyByDefault)) {
            RestAssured.filters(new AdminKeyByDefault());
        }
    }

    private static final class AdminKeyByDefault implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                               FilterContext context) {
            if (request.getHeaders().hasHeaderWithName(NO_CREDENTIALS)) {
                request.removeHeader(NO_CREDENTIALS);
            } else if (!request.getHeaders().hasHeaderWithName("Authorization") && !request.getHeaders().hasHeaderWithName("Cookie")
                    && request.getCookies().size() == 0) {
                request.header("Authorization", adminAuthorization());
            }
            return context.next(request, response);
        }
    }
}
