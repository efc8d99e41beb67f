package dev.vigil.query.trace;

import dev.vigil.query.api.ApiError;
import dev.vigil.query.api.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/traces/{traceId}}: one whole trace. */
@Path("/api/v1/traces")
@Tag(name = "Traces", description = "Distributed traces")
@Produces(MediaType.APPLICATION_JSON)
final class TraceResource {

    private static final String TRACE_ID = "traceId";

    private final TraceStore store;

    TraceResource(TraceStore store) {
        this.store = store;
    }

    @GET
    @Path("/{traceId}")
    @Operation(summary = "Get a trace",
            description = "All spans of one trace, each parent before its children; spans whose parents are all "
                    + "listed come in order of start time.")
    @APIResponse(responseCode = "200", description = "The trace",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Trace.class)))
    @APIResponse(responseCode = "400", description = "traceId is not 32 hexadecimal characters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No span of this trace is stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public CompletionStage<Trace> get(
            @Parameter(description = "Trace id, 32 hexadecimal characters; upper case is accepted",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9a-fA-F]{32}$"))
            @PathParam(TRACE_ID) String traceId) {
        TraceId id = TraceId.parse(traceId, TRACE_ID);
        return store.find(id).thenApply(trace -> trace.orElseThrow(
                () -> ApiException.notFound("trace " + id.hex() + " was not found")));
    }
}
