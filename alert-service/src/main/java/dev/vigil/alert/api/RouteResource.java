package dev.vigil.alert.api;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.alert.route.RouteService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;

/** Routes: which alerts go to which channel, grouped and timed how. */
@Path("/api/v1/routes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
public final class RouteResource {

    private final RouteService routes;

    RouteResource(RouteService routes) {
        this.routes = routes;
    }

    @GET
    @Operation(summary = "All routes, ordered by name")
    public Uni<List<RouteView>> list() {
        return routes.list().map(all -> all.stream().map(RouteView::of).toList());
    }

    @GET
    @Path("{id}")
    public Uni<RouteView> get(@RestPath long id) {
        return routes.find(id).onItem().ifNull().failWith(() -> new NotFoundException("route", id)).map(RouteView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a route", description = "Every route whose matchers all match an alert sends it to its channel.")
    public Uni<RestResponse<RouteView>> create(RouteRequest request) {
        return Uni.createFrom().item(() -> Requests.required(request).toDefinition())
                .chain(routes::create)
                .map(r -> RestResponse.ResponseBuilder.<RouteView>created(URI.create("/api/v1/routes/" + r.id()))
                        .entity(RouteView.of(r)).build());
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RouteView> update(@RestPath long id, RouteRequest request) {
        return Uni.createFrom().item(() -> Requests.required(request).toDefinition())
                .chain(definition -> routes.update(id, definition))
                .onItem().ifNull().failWith(() -> new NotFoundException("route", id))
                .map(RouteView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @DELETE
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@RestPath long id) {
        return routes.delete(id).map(deleted -> {
            if (!deleted) {
                throw new NotFoundException("route", id);
            }
            return RestResponse.noContent();
        });
    }
}
