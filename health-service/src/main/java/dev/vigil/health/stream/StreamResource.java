package dev.vigil.health.stream;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;

/**
 * {@code GET /api/v1/stream}: server-sent events. First the current picture, then each change as the refreshes
 * and probes see it: {@code cluster} events carry the cluster summary with every node and pod (without history),
 * {@code platform} events the platform report. A comment every 15 s keeps idle connections open through proxies.
 */
@Path("/api/v1/stream")
@RolesAllowed(Role.VIEWER_NAME)
public final class StreamResource {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final HealthStream stream;

    StreamResource(HealthStream stream) {
        this.stream = stream;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live health: the cluster and the platform now, then every change as it happens")
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Multi<OutboundSseEvent> updates = stream.subscribe().map(u -> sse.newEventBuilder()
                .name(u.name())
                .mediaType(MediaType.TEXT_PLAIN_TYPE) // the data is JSON already; written as is
                .data(u.json())
                .build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(KEEP_ALIVE)
                .map(_ -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(updates, keepAlive);
    }
}
