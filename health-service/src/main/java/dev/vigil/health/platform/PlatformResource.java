package dev.vigil.health.platform;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The platform's own health, as the last probes saw it. */
@Path("/api/v1/platform")
@RolesAllowed(Role.VIEWER_NAME)
public final class PlatformResource {

    private final PlatformHealth health;

    PlatformResource(PlatformHealth health) {
        this.health = health;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Health of every Vigil service, of Kafka, ClickHouse and PostgreSQL, and of the platform as a whole",
            description = "Each part is HEALTHY, WARNING or CRITICAL; the platform is as bad as its worst part.")
    public PlatformReport platform() {
        return health.report();
    }
}
