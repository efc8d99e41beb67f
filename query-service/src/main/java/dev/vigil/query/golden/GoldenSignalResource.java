package dev.vigil.query.golden;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.http.error.ApiException;
import dev.vigil.http.error.ErrorBody;
import dev.vigil.query.api.QueryConfig;
import dev.vigil.query.api.QueryParameters;
import dev.vigil.query.api.TimeRange;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/golden-signals}: a service's series, or a summary row per service;
 * {@code GET /api/v1/golden-signals/services}: every service's summary and series in one answer;
 * {@code GET /api/v1/golden-signals/operations}: a summary per operation of one service.
 */
@Path("/api/v1/golden-signals")
@Tag(name = "Golden signals", description = "Traffic, errors, latency and saturation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
final class GoldenSignalResource {

    private static final Set<String> PARAMETERS = Set.of("from", "to", "service", "operation", "step");
    private static final Set<String> SERVICES_PARAMETERS = Set.of("from", "to", "step");
    private static final Set<String> OPERATIONS_PARAMETERS = Set.of("from", "to", "service");

    private final GoldenSignalStore store;
    private final QueryConfig config;

    GoldenSignalResource(GoldenSignalStore store, QueryConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "Golden signals",
            description = "With service: one point per step (whole minutes; default: about 60 points) with traffic "
                    + "(requests/s), errors (per second and %), latency (p50/p90/p99 ms) and saturation (pod CPU and "
                    + "memory utilisation where resource metrics exist). Without service: one summary per service "
                    + "over the range. Requests are Server and Consumer spans; the range is widened to whole minutes.")
    @APIResponse(responseCode = "200", description = "A GoldenSignalSeries with service, a GoldenSignalSummary without",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {
                    GoldenSignals.Series.class, GoldenSignals.Summary.class})))
    @APIResponse(responseCode = "400", description = "A parameter is malformed, unknown or out of bounds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public CompletionStage<Object> signals(
            @Parameter(description = "Start, RFC 3339 or epoch ms; default: `to` minus 1 h") @QueryParam("from") String from,
            @Parameter(description = "End (exclusive), RFC 3339 or epoch ms; default: now") @QueryParam("to") String to,
            @Parameter(description = "The service; absent: a summary of every service") @QueryParam("service") String service,
            @Parameter(description = "Only this operation (span name) of the service") @QueryParam("operation") String operation,
            @Parameter(description = "Bucket length: a multiple of 60s, e.g. 60s, 5m, 1h") @QueryParam("step") String step,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, PARAMETERS, false);
        TimeRange range = TimeRange.parse(from, to, config);
        Optional<String> serviceName = QueryParameters.text(service, "service");
        Optional<String> operationName = QueryParameters.text(operation, "operation");
        Optional<Long> stepNanos = QueryParameters.durationNanos(step, "step");
        if (serviceName.isEmpty()) {
            if (operationName.isPresent()) {
                throw ApiException.invalidParameter("query", "operation", "needs 'service'");
            }
            if (stepNanos.isPresent()) {
                throw ApiException.invalidParameter("query", "step", "needs 'service' (a summary has no buckets)");
            }
            return store.summary(range).thenApply(s -> s);
        }
        long stepSeconds = QueryParameters.step(step, minutes(range), QueryParameters.StepUnit.MINUTES);
        return store.series(serviceName.get(), operationName, range, stepSeconds).thenApply(s -> s);
    }

    @GET
    @Path("/services")
    @Operation(summary = "Golden signals of every service, with their series",
            description = "Every service that served requests in the range, by name: its values over the whole range "
                    + "(as the summary without service answers them) and one point per step (as the series with "
                    + "service answers them; empty buckets included), for sparklines. One read of the per-minute "
                    + "view whatever the number of services.")
    @APIResponse(responseCode = "200", description = "Every service's summary and series",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GoldenSignals.Services.class)))
    @APIResponse(responseCode = "400", description = "A parameter is malformed, unknown or out of bounds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public CompletionStage<GoldenSignals.Services> services(
            @Parameter(description = "Start, RFC 3339 or epoch ms; default: `to` minus 1 h") @QueryParam("from") String from,
            @Parameter(description = "End (exclusive), RFC 3339 or epoch ms; default: now") @QueryParam("to") String to,
            @Parameter(description = "Bucket length: a multiple of 60s, e.g. 60s, 5m, 1h; default: about 60 points")
            @QueryParam("step") String step,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, SERVICES_PARAMETERS, false);
        TimeRange range = TimeRange.parse(from, to, config);
        long stepSeconds = QueryParameters.step(step, minutes(range), QueryParameters.StepUnit.MINUTES);
        return store.services(range, stepSeconds);
    }

    @GET
    @Path("/operations")
    @Operation(summary = "Golden signals per operation of a service",
            description = "One summary per operation (span name and span kind, every kind) of the service with spans "
                    + "in the range, the busiest first: an operation's requests are its spans; errors, latency as "
                    + "elsewhere; saturation is null (it is a pod's, see the service's summary). The range is widened "
                    + "to whole minutes.")
    @APIResponse(responseCode = "200", description = "The service's operations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GoldenSignals.Operations.class)))
    @APIResponse(responseCode = "400", description = "A parameter is malformed, unknown, missing or out of bounds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public CompletionStage<GoldenSignals.Operations> operations(
            @Parameter(description = "The service; required", required = true) @QueryParam("service") String service,
            @Parameter(description = "Start, RFC 3339 or epoch ms; default: `to` minus 1 h") @QueryParam("from") String from,
            @Parameter(description = "End (exclusive), RFC 3339 or epoch ms; default: now") @QueryParam("to") String to,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, OPERATIONS_PARAMETERS, false);
        TimeRange range = TimeRange.parse(from, to, config);
        String serviceName = QueryParameters.text(service, "service")
                .orElseThrow(() -> ApiException.invalidParameter("query", "service", "is required"));
        return store.operations(serviceName, range);
    }

    /** The view's buckets are whole minutes: the range they cover, in seconds. */
    private static long minutes(TimeRange range) {
        return range.toMinuteSeconds() - range.fromMinuteSeconds();
    }
}
