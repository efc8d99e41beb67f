package dev.vigil.alert.access;

import dev.vigil.access.credential.Sha256;
import dev.vigil.access.credential.SessionToken;
import dev.vigil.access.role.Role;
import dev.vigil.access.verify.AccessConfig;
import dev.vigil.access.verify.Caller;
import dev.vigil.access.verify.CredentialLookup;
import dev.vigil.access.verify.SessionCookie;
import dev.vigil.http.error.ApiException;
import dev.vigil.http.error.ErrorCode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Logging in with a user name and password (a session cookie), logging out, and who the caller is. */
@Path("/api/v1/auth")
@Tag(name = "Access")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {

    /** The caller: a key's or user's name, {@code key} or {@code user}, and the role. */
    public record Me(String name, String kind, String role) {
        static Me of(Caller caller) {
            return new Me(caller.name(), caller.kind().name().toLowerCase(Locale.ROOT), caller.role().id());
        }
    }

    /** A started session: who, and until when the cookie is good. */
    public record Session(String name, String kind, String role, Instant expiresAt) {
    }

    private final AccessStore store;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final CredentialLookup credentials;
    private final AccessConfig config;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    AuthResource(AccessStore store, Passwords passwords, LoginThrottle throttle, CredentialLookup credentials,
                 AccessConfig config, SecurityIdentity identity, HttpServerRequest http) {
        this.store = store;
        this.passwords = passwords;
        this.throttle = throttle;
        this.credentials = credentials;
        this.config = config;
        this.identity = identity;
        this.http = http;
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Starts a session: sets the HttpOnly cookie vigil_session; 401 for a wrong name or password "
            + "alike, 429 after too many failures for one name")
    public Uni<RestResponse<Session>> login(AccessRequests.Login login) {
        if (login == null || login.username() == null || login.password() == null) {
            throw ApiException.invalidFields(Map.of("body", "must give username and password"));
        }
        String username = login.username();
        Instant now = Instant.now();
        long wait = throttle.waitSeconds(username, now);
        if (wait > 0) {
            throw new ApiException(429, ErrorCode.RESOURCE_EXHAUSTED,
                    "too many failed logins for this user name; retry in " + wait + " s", Map.of());
        }
        return store.user(username).chain(user -> passwords
                .matches(login.password(), user.map(AccessStore.StoredUser::passwordHash).orElse(null))
                .chain(right -> {
                    if (!right) {
                        throttle.failed(username, now);
                        throw new ApiException(401, ErrorCode.UNAUTHENTICATED, "wrong user name or password", Map.of());
                    }
                    throttle.succeeded(username);
                    String token = SessionToken.generate();
                    Instant expires = Instant.now().plus(config.sessionDuration());
                    Role role = user.orElseThrow().role();
                    return store.createSession(Sha256.hex(token), username, expires)
                            .map(ignored -> RestResponse.ResponseBuilder.ok(
                                            new Session(username, "user", role.id(), expires))
                                    .header(HttpHeaders.SET_COOKIE,
                                            SessionCookie.set(token, config.sessionDuration(), tls()))
                                    .build());
                }));
    }

    @POST
    @Path("logout")
    @PermitAll
    @Operation(summary = "Ends the session of the vigil_session cookie, if any, and clears the cookie")
    public Uni<RestResponse<Void>> logout() {
        Cookie session = http.getCookie(SessionCookie.NAME);
        Uni<Void> ended = session == null || session.getValue().isEmpty() ? Uni.createFrom().voidItem()
                : store.deleteSession(Sha256.hex(session.getValue()));
        return ended.map(ignored -> {
            credentials.forgetAll();
            return RestResponse.ResponseBuilder.<Void>noContent()
                    .header(HttpHeaders.SET_COOKIE, SessionCookie.clear(tls())).build();
        });
    }

    @GET
    @Path("me")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Who the request's credentials stand for")
    public Me me() {
        return Me.of(Caller.of(identity).orElseThrow());
    }

    /** Whether the login came over TLS, directly or through a proxy that says so. */
    private boolean tls() {
        return http.isSSL() || "https".equalsIgnoreCase(http.getHeader("X-Forwarded-Proto"));
    }
}
