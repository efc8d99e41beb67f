package dev.vigil.query.services;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/services} and {@code GET /api/v1/services/{service}/operations}. */
@Path("/api/v1/services")
@Tag(name = "Services", description = "Services and their operations")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "A parameter is malformed, unknown or out of bounds",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@RolesAllowed(Role.VIEWER_NAME)
final class ServicesResource {

    private static final Set<String> SERVICE_PARAMETERS = Set.of("from", "to", "limit", "cursor");
    private static final Set<String> OPERATION_PARAMETERS = Set.of("from", "to", "limit", "cursor", "kind");

    private final ServiceStore store;
    private final QueryConfig config;

    ServicesResource(ServiceStore store, QueryConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "List services",
            description = "Services that sent spans in the range, by name, with span and error counts. The range is "
                    + "widened to whole minutes.")
    @APIResponse(responseCode = "200", description = "One page of services",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ServicePage.class)))
    public CompletionStage<ServicePage> services(
            @Parameter(description = "Start, RFC 3339 or epoch ms; default: `to` minus 1 h") @QueryParam("from") String from,
            @Parameter(description = "End (exclusive), RFC 3339 or epoch ms; default: now") @QueryParam("to") String to,
            @Parameter(description = "Page size, 1 to vigil.query.max-limit (1000); default 20") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the page before") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, SERVICE_PARAMETERS, false);
        TimeRange range = TimeRange.parse(from, to, config);
        int pageSize = QueryParameters.limit(limit, config);
        String after = QueryParameters.cursor(cursor, 1).map(List::getFirst).orElse("");
        return store.services(range, after, pageSize + 1).thenApply(services -> services.size() > pageSize
                ? new ServicePage(services.subList(0, pageSize),
                        QueryParameters.cursor(services.get(pageSize - 1).name()))
                : new ServicePage(services, null));
    }

    @GET
    @Path("/{service}/operations")
    @Operation(summary = "List a service's operations",
            description = "Span names of the service in the range, per span kind, with span and error counts.")
    @APIResponse(responseCode = "200", description = "One page of operations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OperationPage.class)))
    public CompletionStage<OperationPage> operations(
            @PathParam("service") String service,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Parameter(description = "Only this span kind: SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL") @QueryParam("kind") String kind,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, OPERATION_PARAMETERS, false);
        String name = serviceName(service);
        TimeRange range = TimeRange.parse(from, to, config);
        String storedKind = QueryParameters.text(kind, "kind").map(k -> SpanKinds.stored(k, "kind")).orElse("");
        int pageSize = QueryParameters.limit(limit, config);
        List<String> after = QueryParameters.cursor(cursor, 2).orElse(List.of("", ""));
        String afterKind = after.get(1).isEmpty() ? "" : SpanKinds.stored(after.get(1), "cursor");
        return store.operations(name, range, storedKind, after.get(0), afterKind, pageSize + 1)
                .thenApply(operations -> {
                    if (operations.size() <= pageSize) {
                        return new OperationPage(name, operations, null);
                    }
                    dev.vigil.query.services.Operation last = operations.get(pageSize - 1);
                    return new OperationPage(name, operations.subList(0, pageSize),
                            QueryParameters.cursor(last.name(), last.spanKind()));
                });
    }

    static String serviceName(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 256 || raw.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidParameter("path", "service",
                    "must be 1 to 256 characters without control characters");
        }
        return raw;
    }
}
