package dev.vigil.http.error;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The catch-all: every failure leaving a resource of a service that has this module, the framework's own
 * included (unknown path, wrong method or media type, unreadable JSON), is answered by {@link ErrorAnswers}. The
 * narrower mappers are there because Quarkus brings its own for those types, which would otherwise win over one
 * for {@link Throwable}; all of them read the same {@link FailureTable}.
 */
final class ErrorMappers {

    private final ErrorAnswers answers;

    ErrorMappers(ErrorAnswers answers) {
        this.answers = answers;
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> chosen(ApiException e) {
        return answers.answer(e);
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> invalid(ConstraintViolationException e, ContainerRequestContext request) {
        return answers.failure(e, request(request));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> unreadable(MismatchedInputException e, ContainerRequestContext request) {
        return answers.failure(e, request(request));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> framework(WebApplicationException e, ContainerRequestContext request) {
        return answers.failure(e, request(request));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> any(Throwable e, ContainerRequestContext request) {
        return answers.failure(e, request(request));
    }

    private static FailureTable.Request request(ContainerRequestContext request) {
        return new FailureTable.Request(request.getMethod(),
                shortened(request.getUriInfo().getRequestUri().getRawPath()),
                shortened(request.getHeaderString(HttpHeaders.CONTENT_TYPE)));
    }

    /** What the client sent is repeated in the message, but not at any length. */
    private static String shortened(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
