package dev.vigil.alert.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.access.credential.IngestToken;
import dev.vigil.access.role.Role;
import dev.vigil.access.verify.Caller;
import dev.vigil.http.error.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Ingest tokens, what telemetry senders authenticate with: created (the whole token answered once), listed (never
 * with their secrets) and revoked. ingest-service reads them from the same table.
 */
@Path("/api/v1/access/ingest-tokens")
@Tag(name = "Access", description = "API keys, users and login")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public final class IngestTokenResource {

    /**
     * A token as listed; {@code token} is the whole token, present only in the answer that creates it.
     *
     * @param pipelines the pipelines it may send to; absent: every pipeline
     * @param revokedAt when it was revoked; a revoked or expired token is refused by ingest-service
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IngestTokenView(String id, String name, List<String> signals, List<String> pipelines,
                                  Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt,
                                  String token) {
        static IngestTokenView of(IngestTokenStore.StoredIngestToken t, String token) {
            return new IngestTokenView(t.id(), t.name(), t.signals(), t.pipelines(), t.createdAt(), t.createdBy(),
                    t.expiresAt(), t.revokedAt(), token);
        }
    }

    private final IngestTokenStore store;
    private final SecurityIdentity identity;

    IngestTokenResource(IngestTokenStore store, SecurityIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every ingest token, newest first, revoked and expired ones included; never a secret")
    public Uni<List<IngestTokenView>> list() {
        return store.list().map(tokens -> tokens.stream().map(t -> IngestTokenView.of(t, null)).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Creates an ingest token (signals default to traces, metrics and logs; pipelines to every "
            + "pipeline); the answer's token field is the only time the whole token is shown")
    public Uni<RestResponse<IngestTokenView>> create(AccessRequests.IngestTokenRequest request) {
        AccessRequests.IngestTokenRequest checked = AccessRequests.checked(request, Instant.now());
        IngestToken token = IngestToken.generate();
        String by = Caller.of(identity).map(Caller::name).orElseThrow();
        return store.create(token.id(), checked.name(), checked.signals(), checked.pipelines(),
                        HexFormat.of().formatHex(token.secretSha256()), by, checked.expiresAt())
                .map(stored -> RestResponse.ResponseBuilder.<IngestTokenView>created(
                                URI.create("/api/v1/access/ingest-tokens/" + stored.id()))
                        .entity(IngestTokenView.of(stored, token.text())).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revokes an ingest token: ingest-service refuses it from then on (within its credential cache's"
            + " time to live)")
    public Uni<IngestTokenView> revoke(@RestPath String id) {
        String by = Caller.of(identity).map(Caller::name).orElseThrow();
        return store.revoke(id, by).map(revoked -> IngestTokenView.of(
                revoked.orElseThrow(() -> ApiException.notFound("no ingest token with id " + id)), null));
    }
}
