package dev.vigil.alert.api;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.alert.route.SilenceService;
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
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;

/** Silences: alerts they match are not notified while they last. */
@Path("/api/v1/silences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
public final class SilenceResource {

    private final SilenceService silences;

    SilenceResource(SilenceService silences) {
        this.silences = silences;
    }

    @GET
    @Operation(summary = "Silences that have not ended, newest first; ?expired=true includes ended ones")
    public Uni<List<SilenceView>> list(@RestQuery boolean expired) {
        return silences.list(expired).map(all -> all.stream().map(SilenceView::of).toList());
    }

    @GET
    @Path("{id}")
    public Uni<SilenceView> get(@RestPath long id) {
        return silences.find(id).onItem().ifNull().failWith(() -> new NotFoundException("silence", id))
                .map(SilenceView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<SilenceView>> create(SilenceRequest request) {
        return Uni.createFrom().item(() -> Requests.required(request).toDefinition())
                .chain(silences::create)
                .map(s -> RestResponse.ResponseBuilder.<SilenceView>created(URI.create("/api/v1/silences/" + s.id()))
                        .entity(SilenceView.of(s)).build());
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<SilenceView> update(@RestPath long id, SilenceRequest request) {
        return Uni.createFrom().item(() -> Requests.required(request).toDefinition())
                .chain(definition -> silences.update(id, definition))
                .onItem().ifNull().failWith(() -> new NotFoundException("silence", id))
                .map(SilenceView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @DELETE
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@RestPath long id) {
        return silences.delete(id).map(deleted -> {
            if (!deleted) {
                throw new NotFoundException("silence", id);
            }
            return RestResponse.noContent();
        });
    }
}
