package dev.vigil.access.verify;

import dev.vigil.http.error.ErrorAnswers;
import dev.vigil.http.error.ErrorBody;
import dev.vigil.http.error.ErrorCode;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 from an endpoint's role check, in the shared error body. These mappers name the security exceptions
 * exactly, so they win over http-errors' catch-all, which would call them faults.
 */
final class AccessAnswers {

    private final ErrorAnswers answers;

    AccessAnswers(ErrorAnswers answers) {
        this.answers = answers;
    }

    /**
     * quarkus-oidc could not verify a token because the identity provider (its metadata or keys) cannot be reached:
     * 503 with {@code Retry-After}, since the token may well be good; keys and sessions are not affected.
     */
    @ServerExceptionMapper
    RestResponse<ErrorBody> identityProviderUnavailable(OIDCException e) {
        return answers.outage("the identity provider cannot be reached to verify the token; retry later", e);
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> unauthenticated(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> failed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> forbidden(ForbiddenException e, ContainerRequestContext request) {
        return RestResponse.ResponseBuilder.<ErrorBody>create(403)
                .entity(new ErrorBody(ErrorCode.PERMISSION_DENIED, "the credentials' role does not allow "
                        + request.getMethod() + " " + request.getUriInfo().getPath()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static RestResponse<ErrorBody> unauthenticated() {
        return RestResponse.ResponseBuilder.<ErrorBody>create(401)
                .entity(new ErrorBody(ErrorCode.UNAUTHENTICATED,
                        "the request needs valid credentials: an API key or a login session"))
                .header(HttpHeaders.WWW_AUTHENTICATE, CredentialMechanism.CHALLENGE)
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
