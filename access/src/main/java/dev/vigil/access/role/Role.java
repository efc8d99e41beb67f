package dev.vigil.access.role;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a key or a user may do, each role including the ones below it: a viewer reads, an editor also changes
 * rules, routes, channels, silences and dashboards, an admin also manages keys and users.
 */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    /** The role names as {@code @RolesAllowed} takes them: annotation values must be constants. */
    public static final String VIEWER_NAME = "viewer";
    public static final String EDITOR_NAME = "editor";
    public static final String ADMIN_NAME = "admin";

    /** The name clients send and see, and the one stored: {@code viewer}, {@code editor}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }

    /** This role's name and those of every role below it: what a security identity holding it carries. */
    public Set<String> granted() {
        return Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal()).map(Role::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** The role just below this one, for proving that it is not enough; empty for the lowest. */
    public Optional<Role> below() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }
}
