package dev.vigil.access.verify;

import dev.vigil.access.credential.IngestToken;
import dev.vigil.http.error.ErrorCode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Reads the caller's credential: {@code Authorization: Bearer <key or session token>}, else the
 * {@link SessionCookie#NAME} cookie the login sets. No credential leaves the request anonymous (public paths answer,
 * the rest 401). A wrong bearer credential is refused outright (401); a stale session cookie counts as none, so an
 * expired session still reaches the login page.
 *
 * <p>An ingest token ({@code Bearer vgi_…}) leaves the request anonymous too, unlooked-at: it grants no API role, and
 * the OTLP and remote-write paths, which this mechanism also sees (authentication is proactive), verify it themselves
 * ({@link IngestTokenLookup}) and must not be refused here first.
 */
@Singleton
final class CredentialMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";
    static final String CHALLENGE = "Bearer realm=\"vigil\"";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || authorization.length() == BEARER.length()) {
                return Uni.createFrom().failure(new AuthenticationFailedException("not a bearer credential"));
            }
            String credential = authorization.substring(BEARER.length()).trim();
            if (credential.startsWith(IngestToken.PREFIX)) {
                return Uni.createFrom().nullItem();
            }
            return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                    new CredentialRequest(credential), context));
        }
        Cookie session = context.request().getCookie(SessionCookie.NAME);
        if (session == null || session.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                        new CredentialRequest(session.getValue()), context))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    /** The challenge with the shared error body, so a 401 reads the same from every path of every service. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        var response = context.response();
        if (!response.headWritten()) {
            response.setStatusCode(401)
                    .putHeader("WWW-Authenticate", CHALLENGE)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("error", ErrorCode.UNAUTHENTICATED)
                            .put("message", "the request needs valid credentials: an API key or a login session")
                            .encode());
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(CredentialRequest.class);
    }
}
