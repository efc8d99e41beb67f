package dev.vigil.devstack.clickhouse;

import com.sun.net.httpserver.Headers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request to ClickHouse's HTTP interface, read from the URL parameters and headers: which
 * database and default format, which settings and query parameters, how the body and the response
 * are compressed. The statement text itself comes later, from {@link RequestStatement}.
 */
record QueryRequest(
        boolean readOnly,
        String query,
        String database,
        String defaultFormat,
        String queryId,
        Map<String, String> settings,
        Map<String, String> parameters,
        boolean compressResponse,
        boolean decompressRequest,
        boolean httpCompressionEnabled) {

    /** URL parameters that steer the HTTP interface and are not engine settings, as in ClickHouse. */
    private static final Set<String> RESERVED = Set.of(
            "query", "compress", "decompress", "user", "password", "quota_key", "query_id", "stacktrace", "role",
            "buffer_size", "wait_end_of_query", "session_id", "session_timeout", "session_check",
            "client_protocol_version", "close_session", "database", "default_format");
    private static final String PARAMETER_PREFIX = "param_";
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String DEFAULT_FORMAT = "TabSeparated";

    static QueryRequest of(String method, String rawQuery, Headers headers) {
        Map<String, String> url = parseQueryString(rawQuery);
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : url.entrySet()) {
            String name = entry.getKey();
            if (name.isEmpty() || RESERVED.contains(name)) {
                continue;
            }
            if (name.startsWith(PARAMETER_PREFIX)) {
                parameters.put(name.substring(PARAMETER_PREFIX.length()), entry.getValue());
            } else if (!SETTING_NAME.matcher(name).matches()) {
                throw QueryException.of(115, "UNKNOWN_SETTING", "Unknown setting '" + name + "'");
            } else {
                settings.put(name, entry.getValue());
            }
        }
        String database = firstNonBlank(headers.getFirst("X-ClickHouse-Database"), url.get("database"),
                ConnectionPool.DEFAULT_DATABASE);
        String format = firstNonBlank(headers.getFirst("X-ClickHouse-Format"), url.get("default_format"), DEFAULT_FORMAT);
        String queryId = firstNonBlank(url.get("query_id"), headers.getFirst("X-ClickHouse-Query-Id"),
                UUID.randomUUID().toString());
        return new QueryRequest(
                !method.equalsIgnoreCase("POST"),
                url.getOrDefault("query", ""),
                database,
                format,
                queryId,
                Collections.unmodifiableMap(settings),
                Collections.unmodifiableMap(parameters),
                isTrue(url.get("compress")),
                isTrue(url.get("decompress")),
                isTrue(url.get("enable_http_compression")));
    }

    /** A {@code SET} applying the URL settings, the values quoted as strings as the engine accepts them. */
    String settingsStatement() {
        StringBuilder sql = new StringBuilder("SET ");
        boolean first = true;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (!first) {
                sql.append(", ");
            }
            first = false;
            sql.append(setting.getKey()).append(" = ").append(quoteString(setting.getValue()));
        }
        return sql.toString();
    }

    static String quoteString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Later duplicates win, as with ClickHouse's getParsedLast. */
    static Map<String, String> parseQueryString(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static boolean isTrue(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("No candidate was given");
    }
}
