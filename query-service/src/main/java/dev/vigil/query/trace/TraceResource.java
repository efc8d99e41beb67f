package dev.vigil.query.trace;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.http.error.ApiException;
import dev.vigil.http.error.ErrorBody;
import dev.vigil.query.api.QueryConfig;
import dev.vigil.query.api.QueryParameters;
import dev.vigil.query.api.TimeRange;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/traces}: trace search; {@code GET /api/v1/traces/volume}: spans per bucket;
 * {@code GET /api/v1/traces/{traceId}}: one whole trace.
 */
@Path("/api/v1/traces")
@Tag(name = "Traces", description = "Distributed traces")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
final class TraceResource {

    private static final String TRACE_ID = "traceId";

    private static final Set<String> SEARCH_PARAMETERS = Set.of("from", "to", "service", "operation", "minDuration",
            "maxDuration", "status", "sort", "limit", "cursor");
    private static final Set<String> VOLUME_PARAMETERS = Set.of("start", "end", "step", "service", "operation",
            "status");
    /** A duration-order cursor starts with this field, so that a cursor of the other order is told apart. */
    private static final String DURATION_CURSOR = "duration";

    private final TraceStore store;
    private final QueryConfig config;

    TraceResource(TraceStore store, QueryConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "Search traces",
            description = "Traces with a span in the range that meets every criterion at once (service, operation, "
                    + "duration bounds, ERROR status, attr.KEY=VALUE on span attributes, resource.KEY=VALUE on resource "
                    + "attributes). sort=recent (default): newest first by the latest matching span. sort=duration: "
                    + "slowest first by the whole trace's duration (as in its summary); this also reads the summaries "
                    + "of every matching trace, so narrow the window or the criteria for large ones. Ties go by "
                    + "trace id. Each summary covers the whole trace.")
    @APIResponse(responseCode = "200", description = "One page of trace summaries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TracePage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is malformed, unknown or out of bounds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public CompletionStage<TracePage> search(
            @Parameter(description = "Start, RFC 3339 or epoch ms; default: `to` minus 1 h") @QueryParam("from") String from,
            @Parameter(description = "End (exclusive), RFC 3339 or epoch ms; default: now") @QueryParam("to") String to,
            @Parameter(description = "Service name of the matching span") @QueryParam("service") String service,
            @Parameter(description = "Name of the matching span") @QueryParam("operation") String operation,
            @Parameter(description = "Least duration of the matching span: 250ms, 1.5s, or milliseconds")
            @QueryParam("minDuration") String minDuration,
            @Parameter(description = "Greatest duration of the matching span") @QueryParam("maxDuration") String maxDuration,
            @Parameter(description = "`error`: the matching span has status ERROR") @QueryParam("status") String status,
            @Parameter(description = "`recent` (default): newest first; `duration`: slowest first")
            @QueryParam("sort") String sort,
            @Parameter(description = "Page size, 1 to vigil.query.max-limit; default 20") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the page before") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        TraceSearch search = search(uri, from, to, service, operation, minDuration, maxDuration, status, sort, limit,
                cursor, config);
        return store.matching(search, search.limit() + 1).thenCompose(matches -> {
            List<TraceStore.Match> page = matches.size() > search.limit() ? matches.subList(0, search.limit()) : matches;
            String next = matches.size() > search.limit() ? cursor(search.order(), page.getLast()) : null;
            return store.summaries(page.stream().map(TraceStore.Match::traceId).toList()).thenApply(summaries -> {
                List<TraceSummary> ordered = new ArrayList<>(page.size());
                page.forEach(match -> Optional.ofNullable(summaries.get(match.traceId())).ifPresent(ordered::add));
                return new TracePage(ordered, next);
            });
        });
    }

    @GET
    @Path("/volume")
    @Operation(summary = "Span volume",
            description = "How many spans started in each bucket, every bucket from `start` (rounded down to a second) "
                    + "to `end`, empty ones included: of one service, one operation (span name), spans with status "
                    + "ERROR (status=error) or without (status=ok: OK or unset).")
    @APIResponse(responseCode = "200", description = "Span counts per bucket",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpanVolume.class)))
    @APIResponse(responseCode = "400", description = "A parameter is malformed, unknown or out of bounds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public CompletionStage<SpanVolume> volume(
            @Parameter(description = "Start, RFC 3339 or epoch ms; default: `end` minus 1 h") @QueryParam("start") String start,
            @Parameter(description = "End (exclusive), RFC 3339 or epoch ms; default: now") @QueryParam("end") String end,
            @Parameter(description = "Bucket length in whole seconds, e.g. 10s, 1m; default: about 60 buckets")
            @QueryParam("step") String step,
            @Parameter(description = "Service name of the spans") @QueryParam("service") String service,
            @Parameter(description = "Name of the spans") @QueryParam("operation") String operation,
            @Parameter(description = "`error`: status ERROR; `ok`: any other status") @QueryParam("status") String status,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, VOLUME_PARAMETERS, false);
        TimeRange range = TimeRange.parse(start, "start", end, "end", config, java.time.Instant.now());
        long fromSecond = range.fromSecond();
        long toSecond = range.toSecond();
        long stepSeconds = QueryParameters.step(step, toSecond - fromSecond, QueryParameters.StepUnit.SECONDS);
        Optional<Boolean> errors = QueryParameters.text(status, "status").map(s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "error" -> true;
            case "ok" -> false;
            default -> throw ApiException.invalidParameter("query", "status", "must be 'error' or 'ok'");
        });
        TraceSearchQueries.VolumeFilter filter = new TraceSearchQueries.VolumeFilter(range,
                QueryParameters.text(service, "service"), QueryParameters.text(operation, "operation"), errors);
        return store.volume(filter, fromSecond, toSecond, stepSeconds);
    }

    /**
     * The cursor after {@code last}: its order value and id; a duration-order cursor also names its order, so that
     * neither order can be resumed with the other's cursor.
     */
    private static String cursor(TraceSearch.Order order, TraceStore.Match last) {
        return order == TraceSearch.Order.DURATION
                ? QueryParameters.cursor(DURATION_CURSOR, Long.toString(last.orderValue()), last.traceId())
                : QueryParameters.cursor(Long.toString(last.orderValue()), last.traceId());
    }

    /** Parses and checks the search criteria; every failure is a 400 naming the parameter. */
    public static TraceSearch search(UriInfo uri, String from, String to, String service, String operation,
            String minDuration, String maxDuration, String status, String sort, String limit, String cursor,
            QueryConfig config) {
        QueryParameters.rejectUnknown(uri, SEARCH_PARAMETERS, true);
        TimeRange range = TimeRange.parse(from, to, config);
        Optional<Long> min = QueryParameters.durationNanos(minDuration, "minDuration");
        Optional<Long> max = QueryParameters.durationNanos(maxDuration, "maxDuration");
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            throw ApiException.invalidParameter("query", "minDuration", "must not exceed maxDuration");
        }
        boolean errorsOnly = false;
        if (status != null && !status.isEmpty()) {
            errorsOnly = switch (status.toLowerCase(Locale.ROOT)) {
                case "error" -> true;
                case "any" -> false;
                default -> throw ApiException.invalidParameter("query", "status", "must be 'error' or 'any'");
            };
        }
        TraceSearch.Order order = TraceSearch.Order.RECENT;
        if (sort != null && !sort.isEmpty()) {
            order = switch (sort.toLowerCase(Locale.ROOT)) {
                case "recent" -> TraceSearch.Order.RECENT;
                case "duration" -> TraceSearch.Order.DURATION;
                default -> throw ApiException.invalidParameter("query", "sort", "must be 'recent' or 'duration'");
            };
        }
        boolean byDuration = order == TraceSearch.Order.DURATION;
        Optional<TraceSearch.After> after = QueryParameters.cursor(cursor, byDuration ? 3 : 2).map(fields -> {
            if (byDuration && !fields.getFirst().equals(DURATION_CURSOR)) {
                throw ApiException.invalidParameter("query", "cursor", "is not a cursor this API returned");
            }
            List<String> key = byDuration ? fields.subList(1, 3) : fields;
            long value;
            try {
                value = Long.parseLong(key.get(0));
            } catch (NumberFormatException e) {
                throw ApiException.invalidParameter("query", "cursor", "is not a cursor this API returned");
            }
            return new TraceSearch.After(value, TraceId.parse(key.get(1), "cursor").hex());
        });
        return new TraceSearch(range, QueryParameters.text(service, "service"),
                QueryParameters.text(operation, "operation"), min, max, errorsOnly, QueryParameters.attributes(uri),
                QueryParameters.resourceAttributes(uri), Map.of(),
                QueryParameters.limit(limit, config), order, after);
    }

    @GET
    @Path("/{traceId}")
    @Operation(summary = "Get a trace",
            description = "All spans of one trace, each parent before its children; spans whose parents are all "
                    + "listed come in order of start time.")
    @APIResponse(responseCode = "200", description = "The trace",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Trace.class)))
    @APIResponse(responseCode = "400", description = "traceId is not 32 hexadecimal characters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No span of this trace is stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public CompletionStage<Trace> get(
            @Parameter(description = "Trace id, 32 hexadecimal characters; upper case is accepted",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9a-fA-F]{32}$"))
            @PathParam(TRACE_ID) String traceId) {
        TraceId id = TraceId.parse(traceId, TRACE_ID);
        return store.find(id).thenApply(trace -> trace.orElseThrow(
                () -> ApiException.notFound("trace " + id.hex() + " was not found")));
    }
}
