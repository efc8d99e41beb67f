package dev.vigil.devstack.clickhouse;

import java.util.Map;
import java.util.Set;

/**
 * The one place that maps a ClickHouse error to an HTTP status, as ClickHouse's HTTP interface
 * does. Keyed by the error's name, which the engine appends to every message, so no table of
 * numeric codes has to be kept in step with the engine.
 */
final class ErrorStatus {

    private static final Set<String> BAD_REQUEST = Set.of(
            "BAD_ARGUMENTS", "CANNOT_COMPILE_REGEXP", "CANNOT_PARSE_TEXT", "CANNOT_PARSE_ESCAPE_SEQUENCE",
            "CANNOT_PARSE_QUOTED_STRING", "CANNOT_PARSE_DATE", "CANNOT_PARSE_DATETIME", "CANNOT_PARSE_NUMBER",
            "CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING", "CANNOT_PARSE_IPV4", "CANNOT_PARSE_IPV6",
            "CANNOT_PARSE_INPUT_ASSERTION_FAILED", "CANNOT_PARSE_UUID", "DUPLICATE_COLUMN", "ILLEGAL_COLUMN",
            "UNKNOWN_ELEMENT_IN_AST", "UNKNOWN_TYPE_OF_AST_NODE", "THERE_IS_NO_COLUMN", "TOO_DEEP_AST",
            "TOO_BIG_AST", "UNEXPECTED_AST_STRUCTURE", "SYNTAX_ERROR", "INCORRECT_DATA", "TYPE_MISMATCH",
            "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE");
    private static final Set<String> NOT_FOUND = Set.of(
            "UNKNOWN_TABLE", "UNKNOWN_FUNCTION", "UNKNOWN_IDENTIFIER", "UNKNOWN_TYPE", "UNKNOWN_STORAGE",
            "UNKNOWN_DATABASE", "UNKNOWN_SETTING", "UNKNOWN_DIRECTION_OF_SORTING", "UNKNOWN_AGGREGATE_FUNCTION",
            "UNKNOWN_FORMAT", "UNKNOWN_DATABASE_ENGINE", "UNKNOWN_TYPE_OF_QUERY", "UNKNOWN_ROLE");
    private static final Set<String> FORBIDDEN = Set.of(
            "UNKNOWN_USER", "WRONG_PASSWORD", "AUTHENTICATION_FAILED", "SET_NON_GRANTED_ROLE", "ACCESS_DENIED");
    private static final Map<String, Integer> SINGLE = Map.of(
            "REQUIRED_PASSWORD", 401,
            "QUERY_IS_TOO_LARGE", 413,
            "NOT_IMPLEMENTED", 501,
            "SOCKET_TIMEOUT", 503,
            "CANNOT_OPEN_FILE", 503,
            "CANNOT_SCHEDULE_TASK", 503,
            "HTTP_LENGTH_REQUIRED", 411,
            "TIMEOUT_EXCEEDED", 408,
            "UNSUPPORTED_MEDIA_TYPE", 415);

    private ErrorStatus() {
    }

    static int of(QueryException error) {
        String name = error.name();
        if (BAD_REQUEST.contains(name)) {
            return 400;
        }
        if (NOT_FOUND.contains(name)) {
            return 404;
        }
        if (FORBIDDEN.contains(name)) {
            return 403;
        }
        return SINGLE.getOrDefault(name, 500);
    }
}
