package dev.vigil.query.api;

import dev.vigil.http.error.ApiException;
import dev.vigil.http.error.ErrorAnswers;
import dev.vigil.http.error.ErrorBody;
import dev.vigil.query.clickhouse.StorageException;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * How a failed ClickHouse read is answered, in the body every Vigil API uses (http-errors): an outage is a 503 to
 * retry, a cost guard's stop a 503 naming the guard, anything else a 500 that is logged and not described.
 */
final class StorageErrors {

    /** A read stopped by a {@code vigil.clickhouse.query.*} guard: narrowing the query, not waiting, helps. */
    static final String QUERY_LIMIT_EXCEEDED = "query_limit_exceeded";

    private final ErrorAnswers answers;

    StorageErrors(ErrorAnswers answers) {
        this.answers = answers;
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> storage(StorageException e) {
        return switch (e.kind()) {
            case UNAVAILABLE -> answers.outage("the telemetry store (ClickHouse) is unavailable; retry later", e);
            case LIMIT_EXCEEDED -> answers.answer(new ApiException(503, QUERY_LIMIT_EXCEEDED,
                    "the query was stopped by the cost guard " + e.guard(), Map.of()));
            case FAILED -> answers.internal(e);
        };
    }
}
