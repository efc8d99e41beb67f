package dev.vigil.alert.audit;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Who is making the current change: the authenticated principal's name when the request is authenticated; without
 * authentication, the {@code X-Vigil-User} header (what the web UI sends) or {@code anonymous}; {@code vigil} for
 * what the service does by itself, outside any request (shipped dashboards). Once authentication is in place, its
 * principal is used with no change here, and the header is no longer believed for an authenticated request.
 */
@ApplicationScoped
public class Actor {

    public static final String USER_HEADER = "X-Vigil-User";
    public static final String ANONYMOUS = "anonymous";
    public static final String SERVICE = "vigil";
    static final int MAX_NAME = 100;

    private final Instance<SecurityIdentity> identity;
    private final Instance<CurrentVertxRequest> request;

    Actor(Instance<SecurityIdentity> identity, Instance<CurrentVertxRequest> request) {
        this.identity = identity;
        this.request = request;
    }

    /** The actor's name, at most 100 characters. Call it while the request is being handled. */
    public String name() {
        if (!Arc.container().requestContext().isActive()) {
            return SERVICE;
        }
        if (identity.isResolvable()) {
            SecurityIdentity current = identity.get();
            if (!current.isAnonymous()) {
                return bounded(current.getPrincipal().getName());
            }
        }
        if (request.isResolvable() && request.get().getCurrent() != null) {
            String header = request.get().getCurrent().request().getHeader(USER_HEADER);
            if (header != null && !header.isBlank()) {
                return bounded(header.strip());
            }
        }
        return ANONYMOUS;
    }

    private static String bounded(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }
}
