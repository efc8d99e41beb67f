package dev.vigil.query.log;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.http.error.ApiException;
import dev.vigil.http.error.ErrorBody;
import dev.vigil.query.api.QueryConfig;
import dev.vigil.query.api.QueryParameters;
import dev.vigil.query.api.TimeRange;
import dev.vigil.query.trace.TraceId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/logs}, {@code GET /api/v1/logs/volume} and {@code GET /api/v1/logs/access}. */
@Path("/api/v1/logs")
@Tag(name = "Logs", description = "Log records and service mesh access logs")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "A parameter is malformed, unknown or out of bounds",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@RolesAllowed(Role.VIEWER_NAME)
final class LogResource {

    private static final Set<String> LOG_PARAMETERS = Set.of("from", "to", "service", "severity", "q", "traceId",
            "limit", "cursor");
    private static final Set<String> VOLUME_PARAMETERS = Set.of("from", "to", "step", "service", "severity", "q",
            "traceId");
    private static final Set<String> ACCESS_PARAMETERS = Set.of("from", "to", "source", "sourceNamespace",
            "destination", "destinationNamespace", "code", "method", "traceId", "limit", "cursor");
    /** OpenTelemetry's severity ranges: each name is the lowest number of its range. */
    private static final Map<String, Integer> SEVERITIES = Map.of("TRACE", 1, "DEBUG", 5, "INFO", 9, "WARN", 13,
            "ERROR", 17, "FATAL", 21);
    private static final Pattern CODE = Pattern.compile("[1-5](\\d\\d|xx)");

    private final LogStore store;
    private final QueryConfig config;

    LogResource(LogStore store, QueryConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "Search log records",
            description = "Newest first. severity is the least severity (TRACE, DEBUG, INFO, WARN, ERROR, FATAL); q "
                    + "finds records whose body contains the text, ignoring case; attr.KEY / resource.KEY compare a "
                    + "record's or its resource's attribute.")
    @APIResponse(responseCode = "200", description = "One page of log records",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LogPage.class)))
    public CompletionStage<LogPage> logs(
            @Parameter(description = "Start, RFC 3339 or epoch ms; default: `to` minus 1 h") @QueryParam("from") String from,
            @Parameter(description = "End (exclusive); default: now") @QueryParam("to") String to,
            @QueryParam("service") String service,
            @Parameter(description = "Least severity: TRACE, DEBUG, INFO, WARN, ERROR, FATAL") @QueryParam("severity") String severity,
            @Parameter(description = "Text the body contains, case-insensitive") @QueryParam("q") String q,
            @Parameter(description = "Records written in this trace") @QueryParam("traceId") String traceId,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, LOG_PARAMETERS, true);
        TimeRange range = TimeRange.parse(from, to, config);
        int pageSize = QueryParameters.limit(limit, config);
        long[] after = after(cursor);
        LogQueries.Filters filters = logFilters(range, service, severity, q, traceId, uri,
                after == null ? null : after[0], after == null ? null : after[1], pageSize + 1);
        return store.logs(filters).thenApply(rows -> new LogPage(
                rows.stream().limit(pageSize).map(LogStore.Keyed::item).toList(), next(rows, pageSize)));
    }

    @GET
    @Path("/volume")
    @Operation(summary = "Log volume by severity",
            description = "How many log records per bucket and severity class (TRACE 1-4, DEBUG 5-8, INFO 9-12, WARN "
                    + "13-16, ERROR 17-20, FATAL 21 and up; UNSPECIFIED 0), every bucket from `from` (rounded down "
                    + "to a second) to `to`, empty ones included, for the records that GET /api/v1/logs finds with "
                    + "the same filters.")
    @APIResponse(responseCode = "200", description = "Counts per bucket and severity",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LogVolume.class)))
    public CompletionStage<LogVolume> volume(
            @Parameter(description = "Start, RFC 3339 or epoch ms; default: `to` minus 1 h") @QueryParam("from") String from,
            @Parameter(description = "End (exclusive); default: now") @QueryParam("to") String to,
            @Parameter(description = "Bucket length in whole seconds, e.g. 10s, 1m; default: about 60 buckets")
            @QueryParam("step") String step,
            @QueryParam("service") String service,
            @Parameter(description = "Least severity: TRACE, DEBUG, INFO, WARN, ERROR, FATAL") @QueryParam("severity") String severity,
            @Parameter(description = "Text the body contains, case-insensitive") @QueryParam("q") String q,
            @Parameter(description = "Records written in this trace") @QueryParam("traceId") String traceId,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, VOLUME_PARAMETERS, true);
        TimeRange range = TimeRange.parse(from, to, config);
        long fromSecond = range.fromSecond();
        long toSecond = range.toSecond();
        long stepSeconds = QueryParameters.step(step, toSecond - fromSecond, QueryParameters.StepUnit.SECONDS);
        LogQueries.Filters filters = logFilters(range, service, severity, q, traceId, uri, null, null, 0);
        return store.volume(filters, fromSecond, toSecond, stepSeconds);
    }

    /** The filters GET /api/v1/logs and its volume share; every failure is a 400 naming the parameter. */
    private LogQueries.Filters logFilters(TimeRange range, String service, String severity, String q, String traceId,
            UriInfo uri, Long afterNanos, Long afterKey, int limit) {
        Map<String, String> equal = new LinkedHashMap<>();
        QueryParameters.text(service, "service").ifPresent(s -> equal.put("ServiceName", s));
        traceId(traceId).ifPresent(t -> equal.put("TraceId", t));
        Integer minSeverity = QueryParameters.text(severity, "severity").map(s -> {
            Integer number = SEVERITIES.get(s.toUpperCase(Locale.ROOT));
            if (number == null) {
                throw ApiException.invalidParameter("query", "severity",
                        "must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL");
            }
            return number;
        }).orElse(null);
        String text = QueryParameters.text(q, "q").orElse(null);
        return new LogQueries.Filters(range.fromNanos(), range.toNanos(), equal, QueryParameters.attributes(uri),
                QueryParameters.resourceAttributes(uri), minSeverity, text, null, null, afterNanos, afterKey, limit);
    }

    @GET
    @Path("/access")
    @Operation(summary = "Search access logs",
            description = "Requests seen by the service mesh, newest first: by source and destination workload and "
                    + "namespace, response code (503) or class (5xx), method, trace; attr.KEY compares an attribute "
                    + "of the access log record.")
    @APIResponse(responseCode = "200", description = "One page of access log entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccessLogPage.class)))
    public CompletionStage<AccessLogPage> accessLogs(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Parameter(description = "Source workload") @QueryParam("source") String source,
            @QueryParam("sourceNamespace") String sourceNamespace,
            @Parameter(description = "Destination workload") @QueryParam("destination") String destination,
            @QueryParam("destinationNamespace") String destinationNamespace,
            @Parameter(description = "Response code, e.g. 503, or class, e.g. 5xx") @QueryParam("code") String code,
            @QueryParam("method") String method,
            @QueryParam("traceId") String traceId,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, ACCESS_PARAMETERS, true);
        if (uri.getQueryParameters().keySet().stream().anyMatch(n -> n.startsWith(QueryParameters.RESOURCE_PREFIX))) {
            throw ApiException.invalidParameter("query", "resource.KEY", "is not known here: access logs keep no "
                    + "resource attributes");
        }
        TimeRange range = TimeRange.parse(from, to, config);
        Map<String, String> equal = new LinkedHashMap<>();
        QueryParameters.text(source, "source").ifPresent(s -> equal.put("SourceWorkload", s));
        QueryParameters.text(sourceNamespace, "sourceNamespace").ifPresent(s -> equal.put("SourceNamespace", s));
        QueryParameters.text(destination, "destination").ifPresent(s -> equal.put("DestinationWorkload", s));
        QueryParameters.text(destinationNamespace, "destinationNamespace")
                .ifPresent(s -> equal.put("DestinationNamespace", s));
        QueryParameters.text(method, "method").ifPresent(s -> equal.put("Method", s.toUpperCase(Locale.ROOT)));
        traceId(traceId).ifPresent(t -> equal.put("TraceId", t));
        Integer codeFrom = null;
        Integer codeTo = null;
        if (code != null && !code.isEmpty()) {
            if (!CODE.matcher(code.toLowerCase(Locale.ROOT)).matches()) {
                throw ApiException.invalidParameter("query", "code", "must be a response code (503) or class (5xx)");
            }
            if (code.toLowerCase(Locale.ROOT).endsWith("xx")) {
                codeFrom = (code.charAt(0) - '0') * 100;
                codeTo = codeFrom + 99;
            } else {
                codeFrom = Integer.parseInt(code);
                codeTo = codeFrom;
            }
        }
        int pageSize = QueryParameters.limit(limit, config);
        long[] after = after(cursor);
        LogQueries.Filters filters = new LogQueries.Filters(range.fromNanos(), range.toNanos(), equal,
                QueryParameters.attributes(uri), Map.of(), null, null, codeFrom, codeTo,
                after == null ? null : after[0], after == null ? null : after[1], pageSize + 1);
        return store.accessLogs(filters).thenApply(rows -> new AccessLogPage(
                rows.stream().limit(pageSize).map(LogStore.Keyed::item).toList(), next(rows, pageSize)));
    }

    private static Optional<String> traceId(String raw) {
        return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(TraceId.parse(raw, "traceId").hex());
    }

    private static long[] after(String cursor) {
        return QueryParameters.cursor(cursor, 2).map(fields -> {
            try {
                return new long[] {Long.parseLong(fields.get(0)), Long.parseLong(fields.get(1))};
            } catch (NumberFormatException e) {
                throw ApiException.invalidParameter("query", "cursor", "is not a cursor this API returned");
            }
        }).orElse(null);
    }

    private static <T> String next(List<LogStore.Keyed<T>> rows, int pageSize) {
        if (rows.size() <= pageSize) {
            return null;
        }
        LogStore.Keyed<T> last = rows.get(pageSize - 1);
        return QueryParameters.cursor(Long.toString(last.timeNanos()), Long.toString(last.rowKey()));
    }
}
