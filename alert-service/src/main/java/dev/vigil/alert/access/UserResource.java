package dev.vigil.alert.access;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Users who log in with a password: created, listed (never with their hashes), changed and deleted. */
@Path("/api/v1/access/users")
@Tag(name = "Access")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public final class UserResource {

    public record UserView(String username, String role, Instant createdAt, String createdBy, Instant updatedAt) {
        static UserView of(AccessStore.StoredUser u) {
            return new UserView(u.username(), u.role().id(), u.createdAt(), u.createdBy(), u.updatedAt());
        }
    }

    private final AccessStore store;
    private final Passwords passwords;
    private final CredentialLookup credentials;
    private final SecurityIdentity identity;

    UserResource(AccessStore store, Passwords passwords, CredentialLookup credentials, SecurityIdentity identity) {
        this.store = store;
        this.passwords = passwords;
        this.credentials = credentials;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every user, by name")
    public Uni<List<UserView>> list() {
        return store.users().map(users -> users.stream().map(UserView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Creates a user with a password (12 to 1024 characters); 409 when the name is taken")
    public Uni<RestResponse<UserView>> create(AccessRequests.UserRequest request) {
        AccessRequests.UserRequest checked = AccessRequests.checked(request);
        String by = Caller.of(identity).map(Caller::name).orElseThrow();
        return passwords.hash(checked.password())
                .chain(hash -> store.createUser(checked.username(), AccessRequests.role(checked.role()), hash, by))
                .map(created -> {
                    AccessStore.StoredUser user = created.orElseThrow(() -> ApiException.conflict("username",
                            "a user named " + checked.username() + " exists"));
                    return RestResponse.ResponseBuilder.<UserView>created(
                            URI.create("/api/v1/access/users/" + user.username())).entity(UserView.of(user)).build();
                });
    }

    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes a user's role, password or both; a new password ends the user's sessions")
    public Uni<UserView> update(@RestPath String username, AccessRequests.UserChange change) {
        AccessRequests.UserChange checked = AccessRequests.checked(change);
        String by = Caller.of(identity).map(Caller::name).orElseThrow();
        Uni<String> hash = checked.password() == null ? Uni.createFrom().nullItem() : passwords.hash(checked.password());
        return hash.chain(h -> store.updateUser(username, AccessRequests.role(checked.role()), h, by))
                .map(updated -> {
                    credentials.forgetAll();
                    return UserView.of(updated.orElseThrow(() -> ApiException.notFound("no user named " + username)));
                });
    }

    @DELETE
    @Path("{username}")
    @Operation(summary = "Deletes a user and ends their sessions")
    public Uni<RestResponse<Void>> delete(@RestPath String username) {
        String by = Caller.of(identity).map(Caller::name).orElseThrow();
        return store.deleteUser(username, by).map(deleted -> {
            credentials.forgetAll();
            if (!deleted) {
                throw ApiException.notFound("no user named " + username);
            }
            return RestResponse.noContent();
        });
    }
}
