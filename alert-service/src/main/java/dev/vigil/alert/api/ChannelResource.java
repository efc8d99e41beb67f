package dev.vigil.alert.api;

import dev.vigil.alert.destination.DestinationPolicy;
import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.alert.route.ChannelService;
import dev.vigil.alert.route.SecretRequiredException;
import io.smallrye.common.annotation.Blocking;
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

/** Notification channels: Slack, PagerDuty, webhook. Secrets are write-only. */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
public final class ChannelResource {

    private final ChannelService channels;
    private final DestinationPolicy destinations;

    ChannelResource(ChannelService channels, DestinationPolicy destinations) {
        this.channels = channels;
        this.destinations = destinations;
    }

    @GET
    @Operation(summary = "All channels, ordered by name; secrets are never returned")
    public Uni<List<ChannelView>> list() {
        return channels.list().map(all -> all.stream().map(ChannelView::of).toList());
    }

    @GET
    @Path("{id}")
    public Uni<ChannelView> get(@RestPath long id) {
        return channels.find(id).onItem().ifNull().failWith(() -> new NotFoundException("channel", id))
                .map(ChannelView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @POST
    @Blocking // the destination's host is resolved
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a channel", description = "400 names every invalid field, including a URL that reaches a"
            + " loopback, link-local, private or other internal address not allowed by vigil.alert.destinations.allow;"
            + " 409 when the name is taken.")
    public Uni<RestResponse<ChannelView>> create(ChannelRequest request) {
        return Uni.createFrom().item(() -> Requests.required(request).toDefinition(true, destinations))
                .chain(channels::create)
                .map(c -> RestResponse.ResponseBuilder.<ChannelView>created(URI.create("/api/v1/channels/" + c.id()))
                        .entity(ChannelView.of(c)).build());
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @PUT
    @Path("{id}")
    @Blocking // the destination's host is resolved
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a channel", description = "Leave the secret field out to keep the stored secret; it is"
            + " kept only while the type and settings stay the same, else the secret field is required (400).")
    public Uni<ChannelView> update(@RestPath long id, ChannelRequest request) {
        return Uni.createFrom().item(() -> Requests.required(request).toDefinition(false, destinations))
                .chain(definition -> channels.update(id, definition))
                .onFailure(SecretRequiredException.class).transform(e -> new InvalidRequestException(List.of(new FieldError(
                        ChannelRequest.secretField(((SecretRequiredException) e).type()), "is required: " + e.getMessage()))))
                .onItem().ifNull().failWith(() -> new NotFoundException("channel", id))
                .map(ChannelView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a channel", description = "409 while routes still send to it.")
    public Uni<RestResponse<Void>> delete(@RestPath long id) {
        return channels.delete(id).map(deleted -> {
            if (!deleted) {
                throw new NotFoundException("channel", id);
            }
            return RestResponse.noContent();
        });
    }
}
