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
 * RestAssured's credentials in {@code @QuarkusTest} classes: the test admin key ({@link TestCredentials}) on every
 * request that carries no credential of its own. Apart from {@link TestCredentials} so that tests without
 * RestAssured can use the key.
 */
public final class RestAssuredCredentials {

    /** Marks a request that must go without credentials; removed before it is sent. */
    private static final String NO_CREDENTIALS = "X-Test-No-Credentials";

    private RestAssuredCredentials() {
    }

    /** For a request that must carry no credential at all: {@code given().spec(RestAssuredCredentials.none())}. */
    public static RequestSpecification none() {
        return new RequestSpecBuilder().addHeader(NO_CREDENTIALS, "1").build();
    }

    /** Sends the admin key with every request that has no {@code Authorization} header and no cookie. */
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
            } else if (!request.getHeaders().hasHeaderWithName("Authorization")
                    && !request.getHeaders().hasHeaderWithName("Cookie") && request.getCookies().size() == 0) {
                request.header("Authorization", TestCredentials.adminAuthorization());
            }
            return context.next(request, response);
        }
    }
}
