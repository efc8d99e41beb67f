package dev.vigil.http.error;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Turns a failure into the HTTP answer every Vigil API gives: an {@link ErrorBody}, {@code Retry-After} on a 503,
 * and for a failure the client cannot act on, one log line under a correlation id the body repeats. A service's
 * own exception mapper hands its domain exceptions here, so that no service builds an error answer itself.
 */
@Singleton
public final class ErrorAnswers {

    /** Seconds a client should wait before retrying a 503: about as long as a store takes to come back or fail over. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger LOG = Logger.getLogger(ErrorAnswers.class);

    private final MeterRegistry meters;

    ErrorAnswers(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The answer a service chose. Not logged: it is an answer, not a fault; counted, so a flood of them shows. */
    public RestResponse<ErrorBody> answer(ApiException chosen) {
        return respond(chosen.status(), chosen.body(null));
    }

    /**
     * 503 with {@code Retry-After}: {@code cause} kept something the service depends on from answering. Logged as
     * one line (the cause's own message, no stack) under the correlation id the body carries.
     */
    public RestResponse<ErrorBody> outage(String message, Throwable cause) {
        String correlationId = correlationId();
        LOG.warnf("[%s] answered 503 (%s): %s", correlationId, message, rootMessage(cause));
        return respond(503, new ErrorBody(ErrorCode.UNAVAILABLE, message, null, correlationId));
    }

    /**
     * 500: a fault of the service. Logged once with its stack under a correlation id; the body says no more than
     * "internal error" and that id, because an exception's text can carry queries, paths or data.
     */
    public RestResponse<ErrorBody> internal(Throwable fault) {
        String correlationId = correlationId();
        LOG.errorf(fault, "[%s] answered 500 for an unexpected failure", correlationId);
        return respond(500, new ErrorBody(ErrorCode.INTERNAL, "internal error", null, correlationId));
    }

    /** Any failure, by {@link FailureTable}: known ones as their answer, storage outages as 503, the rest as 500. */
    RestResponse<ErrorBody> failure(Throwable thrown, FailureTable.Request request) {
        Throwable failure = FailureTable.unwrap(thrown);
        return FailureTable.answer(failure, request)
                .map(answer -> answer.status() == 503 && !(failure instanceof ApiException)
                        ? outage(answer.getMessage(), failure)
                        : answer(answer))
                .orElseGet(() -> internal(failure));
    }

    private RestResponse<ErrorBody> respond(int status, ErrorBody body) {
        meters.counter("vigil.http.errors", "error", body.error()).increment();
        RestResponse.ResponseBuilder<ErrorBody> response = RestResponse.ResponseBuilder.<ErrorBody>create(status)
                .entity(body)
                .type(MediaType.APPLICATION_JSON_TYPE);
        if (status == 503 || status == 429) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    private static String correlationId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
