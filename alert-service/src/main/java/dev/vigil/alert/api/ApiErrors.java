package dev.vigil.alert.api;

import dev.vigil.alert.dashboard.DashboardConflictException;
import dev.vigil.alert.dashboard.DashboardNotFoundException;
import dev.vigil.alert.route.ConflictException;
import dev.vigil.alert.route.UnknownReferenceException;
import dev.vigil.alert.rule.DuplicateRuleNameException;
import dev.vigil.http.error.ApiException;
import dev.vigil.http.error.ErrorAnswers;
import dev.vigil.http.error.ErrorBody;
import dev.vigil.http.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What alert-service's own exceptions answer, in the error body of every Vigil API (http-errors), which also
 * answers everything else: unreadable JSON, unknown paths, an unreachable PostgreSQL or ClickHouse, faults.
 */
final class ApiErrors {

    private final ErrorAnswers answers;

    ApiErrors(ErrorAnswers answers) {
        this.answers = answers;
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> invalid(InvalidRequestException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        // Two problems with one field are both named, in the order the checks found them.
        e.fields().forEach(f -> fields.merge(f.field(), f.message(), (a, b) -> a + "; " + b));
        return answers.answer(ApiException.invalidFields(fields));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> notFound(NotFoundException e) {
        return answers.answer(ApiException.notFound(e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> conflict(ConflictException e) {
        return answers.answer(ApiException.conflict(e.field(), e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> dashboardNotFound(DashboardNotFoundException e) {
        return answers.answer(ApiException.notFound(e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> dashboardConflict(DashboardConflictException e) {
        return answers.answer(ApiException.conflict(e.field(), e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> unknownReference(UnknownReferenceException e) {
        return answers.answer(ApiException.invalidFields(Map.of(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> duplicateName(DuplicateRuleNameException e) {
        return answers.answer(new ApiException(409, ErrorCode.CONFLICT, e.getMessage(),
                Map.of("name", "is already used by another rule")));
    }
}
