package dev.vigil.query.api;

import dev.vigil.query.clickhouse.StorageException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * The one place that decides the HTTP status of a failure: every exception leaving a resource, including the
 * framework's own (unknown path, wrong method), becomes an {@link ApiError} body. Client mistakes are 4xx and not
 * logged; storage trouble that retrying may cure is 503; anything else is a 500 and logged with its stack.
 */
@Provider
final class ApiErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiErrorMapper.class);

    private final MeterRegistry meters;

    ApiErrorMapper(MeterRegistry meters) {
        this.meters = meters;
    }

    private record Answer(int status, ApiError body) {
    }

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable failure = unwrap(thrown);
        Answer answer = switch (failure) {
            case ApiException api -> new Answer(api.status(), api.body());
            case StorageException storage -> storage(storage);
            case WebApplicationException web -> web(web);
            default -> {
                LOG.error("Unexpected failure answering a request", failure);
                yield new Answer(500, new ApiError("internal_error", "internal error; see the service log"));
            }
        };
        // Counted, not logged per request: a flood of bad requests must not flood the log.
        meters.counter("vigil.query.api.errors", "error", answer.body().error()).increment();
        return Response.status(answer.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(answer.body())
                .build();
    }

    private static Answer storage(StorageException storage) {
        return switch (storage.kind()) {
            case UNAVAILABLE -> {
                LOG.warnf("ClickHouse unavailable: %s", storage.getMessage());
                yield new Answer(503, new ApiError("storage_unavailable",
                        "the telemetry store (ClickHouse) is unavailable; retry later"));
            }
            case LIMIT_EXCEEDED -> {
                LOG.warnf("Query stopped by a cost guard: %s", storage.getMessage());
                yield new Answer(503, new ApiError("query_limit_exceeded",
                        "the query was stopped by the cost guard " + storage.guard()));
            }
            case FAILED -> {
                LOG.error("Reading from ClickHouse failed", storage);
                yield new Answer(500, new ApiError("storage_error",
                        "reading from the telemetry store failed; see the service log"));
            }
        };
    }

    private static Answer web(WebApplicationException web) {
        int status = web.getResponse().getStatus();
        String error = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        if (status >= 500) {
            LOG.error("Request failed in the HTTP layer", web);
        }
        return new Answer(status, new ApiError(error, web.getMessage()));
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
