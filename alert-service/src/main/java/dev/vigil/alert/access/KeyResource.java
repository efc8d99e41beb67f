package dev.vigil.alert.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.access.credential.ApiKey;
import dev.vigil.access.role.Role;
import dev.vigil.access.verify.Caller;
import dev.vigil.access.verify.CredentialLookup;
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

/** API keys: created (the whole key answered once), listed (never with their secrets) and revoked. */
@Path("/api/v1/access/keys")
@Tag(name = "Access", description = "API keys, users and login")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public final class KeyResource {

    /**
     * A key as listed; {@code key} is the whole key, present only in the answer that creates it.
     *
     * @param revokedAt when it was revoked; a revoked or expired key is refused (401)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(String id, String name, String role, Instant createdAt, String createdBy, Instant expiresAt,
                          Instant revokedAt, String key) {
        static KeyView of(AccessStore.StoredKey k, String key) {
            return new KeyView(k.id(), k.name(), k.role().id(), k.createdAt(), k.createdBy(), k.expiresAt(),
                    k.revokedAt(), key);
        }
    }

    private final AccessStore store;
    private final CredentialLookup credentials;
    private final SecurityIdentity identity;

    KeyResource(AccessStore store, CredentialLookup credentials, SecurityIdentity identity) {
        this.store = store;
        this.credentials = credentials;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every key, newest first, revoked and expired ones included; never a secret")
    public Uni<List<KeyView>> list() {
        return store.keys().map(keys -> keys.stream().map(k -> KeyView.of(k, null)).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Creates a key; the answer's key field is the only time the whole key is shown")
    public Uni<RestResponse<KeyView>> create(AccessRequests.KeyRequest request) {
        AccessRequests.KeyRequest checked = AccessRequests.checked(request, Instant.now());
        ApiKey key = ApiKey.generate();
        String by = Caller.of(identity).map(Caller::name).orElseThrow();
        return store.createKey(key.id(), checked.name().strip(), AccessRequests.role(checked.role()),
                        HexFormat.of().formatHex(key.secretSha256()), by, checked.expiresAt())
                .map(stored -> RestResponse.ResponseBuilder.<KeyView>created(
                        URI.create("/api/v1/access/keys/" + stored.id())).entity(KeyView.of(stored, key.text())).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revokes a key: refused from then on (on other service instances within vigil.access.cache-ttl)")
    public Uni<KeyView> revoke(@RestPath String id) {
        String by = Caller.of(identity).map(Caller::name).orElseThrow();
        return store.revokeKey(id, by).map(revoked -> {
            credentials.forgetAll();
            return KeyView.of(revoked.orElseThrow(() -> ApiException.notFound("no key with id " + id)), null);
        });
    }
}
