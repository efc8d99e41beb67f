package dev.vigil.alert.api;

import dev.vigil.access.role.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test-only endpoints that fail the way a bug does, with exception text that must never reach a client: once
 * thrown on the request's thread, once as a failed reactive result.
 */
@Path("/test/faults")
@RolesAllowed(Role.VIEWER_NAME)
public final class FaultyResource {

    static final String SECRET = "password=hunter2 in SELECT secret FROM channel";

    @GET
    @Path("/thrown")
    @Operation(hidden = true)
    public String thrown() {
        throw new IllegalStateException(SECRET);
    }

    @GET
    @Path("/reactive")
    @Operation(hidden = true)
    public Uni<String> reactive() {
        return Uni.createFrom().failure(new IllegalArgumentException(SECRET));
    }
}
