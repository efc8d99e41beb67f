package dev.vigil.query.dependency;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/dependencies}: the service graph. */
@Path("/api/v1/dependencies")
@Tag(name = "Dependencies", description = "The service dependency graph")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
final class DependencyResource {

    private static final Set<String> PARAMETERS = Set.of("from", "to");

    private final DependencyStore store;
    private final QueryConfig config;

    DependencyResource(DependencyStore store, QueryConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "Service dependency graph",
            description = "Nodes: every service with spans in the range, and the databases (db.system), queues "
                    + "(messaging.system), uninstrumented services (peer.service) and hosts (server.address) that "
                    + "client and producer spans call. Edges: calls from a client/producer span to a server/consumer "
                    + "child in another service, or to the peer it names; with call and error counts and the "
                    + "callers' p50/p95/p99 latency.")
    @APIResponse(responseCode = "200", description = "The graph",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DependencyGraph.class)))
    @APIResponse(responseCode = "400", description = "A parameter is malformed, unknown or out of bounds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public CompletionStage<DependencyGraph> graph(
            @Parameter(description = "Start, RFC 3339 or epoch ms; default: `to` minus 1 h") @QueryParam("from") String from,
            @Parameter(description = "End (exclusive), RFC 3339 or epoch ms; default: now") @QueryParam("to") String to,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, PARAMETERS, false);
        return store.graph(TimeRange.parse(from, to, config));
    }
}
