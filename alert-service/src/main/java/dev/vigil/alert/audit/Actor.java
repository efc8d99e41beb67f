package dev.vigil.alert.audit;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Who is making the current change: the authenticated caller's name (a key's or a user's); {@code vigil} for what the
 * service does by itself, outside any request (shipped dashboards). Every changing endpoint requires a role, so
 * {@code anonymous} is only what an unauthenticated path would be logged under.
 */
@ApplicationScoped
public class Actor {

    public static final String ANONYMOUS = "anonymous";
    public static final String SERVICE = "vigil";
    static final int MAX_NAME = 100;

    private final Instance<SecurityIdentity> identity;

    Actor(Instance<SecurityIdentity> identity) {
        this.identity = identity;
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
        return ANONYMOUS;
    }

    private static String bounded(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }
}
