package dev.vigil.access.verify;

import dev.vigil.access.credential.IngestToken;
import dev.vigil.http.error.ErrorCode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AnonymousAuthenticationRequest;
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
 *
 * <p>With an identity provider ({@code vigil.access.oidc.enabled}) quarkus-oidc's bearer mechanism runs too. Quarkus
 * asks the mechanisms in priority order and stops at the first identity or failure (not "inclusive", which would
 * demand an identity from each), so this one goes first and decides by the credential's shape: a JWT (three
 * dot-separated parts; keys and session tokens have no dot) it leaves alone, returning no identity, and quarkus-oidc
 * verifies it against the provider's keys; everything else it claims, so a key or session never reaches the provider
 * and a JWT never passes as a key. Without a provider a JWT is refused like any other unknown credential. Being first
 * also makes this mechanism's challenge (the shared error body) the one every 401 carries.
 */
@Singleton
final class CredentialMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";
    static final String CHALLENGE = "Bearer realm=\"vigil\"";
    /** Ahead of quarkus-oidc's mechanism ({@code DEFAULT_PRIORITY + 1} unless {@code quarkus.oidc.priority} says). */
    private static final int PRIORITY = DEFAULT_PRIORITY + 100;

    private final boolean identityProvider;

    CredentialMechanism(AccessConfig config) {
        this.identityProvider = config.oidc().enabled();
    }

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
                // An anonymous identity, not none: no identity would hand the token on to the identity provider's
                // mechanism (when one is set up), which would refuse the request before the OTLP route sees it.
                return identities.authenticate(AnonymousAuthenticationRequest.INSTANCE);
            }
            if (isJwt(credential)) {
                return identityProvider ? Uni.createFrom().nullItem()
                        : Uni.createFrom().failure(new AuthenticationFailedException("no identity provider is set up"));
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

    /** A compact JWS: header, payload and signature, each base64url, joined by dots. */
    static boolean isJwt(String credential) {
        int first = credential.indexOf('.');
        int second = first < 0 ? -1 : credential.indexOf('.', first + 1);
        return first > 0 && second > first + 1 && second < credential.length() - 1
                && credential.indexOf('.', second + 1) < 0;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
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
