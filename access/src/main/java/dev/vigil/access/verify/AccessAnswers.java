package dev.vigil.access.verify;

import dev.vigil.http.error.ErrorBody;
import dev.vigil.http.error.ErrorCode;
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
