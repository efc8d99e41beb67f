package dev.vigil.alert.access;

import dev.vigil.access.role.Role;
import dev.vigil.http.error.ApiException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The request bodies of keys, ingest tokens, users and login, and their checks (400 naming each wrong field). */
final class AccessRequests {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 1024;
    /** The signals an ingest token may send, in the order they are listed. */
    static final List<String> SIGNALS = List.of("traces", "metrics", "logs");
    /** A pipeline's name as ingest-service's pipeline file allows it. */
    static final Pattern PIPELINE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private AccessRequests() {
    }

    /** A new key: its name (what it is for), its role, and optionally when it stops working. */
    record KeyRequest(String name, String role, Instant expiresAt) {
    }

    /**
     * A new ingest token: its name (who sends with it), the signals it may send (all three when left out), the
     * pipelines it may send to (every one when left out), and optionally when it stops working.
     */
    record IngestTokenRequest(String name, List<String> signals, List<String> pipelines, Instant expiresAt) {
    }

    record UserRequest(String username, String role, String password) {
    }

    /** A change of a user: a new role, a new password, or both. */
    record UserChange(String role, String password) {
    }

    record Login(String username, String password) {
    }

    static KeyRequest checked(KeyRequest request, Instant now) {
        Map<String, String> wrong = new LinkedHashMap<>();
        if (request == null) {
            throw ApiException.invalidFields(Map.of("body", "is required"));
        }
        name(request.name(), wrong);
        role("role", request.role(), true, wrong);
        expiry(request.expiresAt(), now, wrong);
        failIfAny(wrong);
        return request;
    }

    /** The request with its defaults filled in: signals once each, in {@link #SIGNALS} order; pipelines once each. */
    static IngestTokenRequest checked(IngestTokenRequest request, Instant now) {
        Map<String, String> wrong = new LinkedHashMap<>();
        if (request == null) {
            throw ApiException.invalidFields(Map.of("body", "is required"));
        }
        name(request.name(), wrong);
        List<String> signals = request.signals() == null ? SIGNALS : request.signals();
        if (signals.isEmpty() || !signals.stream().allMatch(s -> s != null && SIGNALS.contains(s))) {
            wrong.put("signals", "must be one or more of " + String.join(", ", SIGNALS));
        }
        List<String> pipelines = request.pipelines();
        if (pipelines != null && (pipelines.isEmpty()
                || !pipelines.stream().allMatch(p -> p != null && PIPELINE.matcher(p).matches()))) {
            wrong.put("pipelines", "must be left out (every pipeline) or name one or more pipelines, each matching "
                    + PIPELINE.pattern());
        }
        expiry(request.expiresAt(), now, wrong);
        failIfAny(wrong);
        return new IngestTokenRequest(request.name().strip(), SIGNALS.stream().filter(signals::contains).toList(),
                pipelines == null ? null : pipelines.stream().distinct().toList(), request.expiresAt());
    }

    static UserRequest checked(UserRequest request) {
        Map<String, String> wrong = new LinkedHashMap<>();
        if (request == null) {
            throw ApiException.invalidFields(Map.of("body", "is required"));
        }
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            wrong.put("username", "must be 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        role("role", request.role(), true, wrong);
        password(request.password(), true, wrong);
        failIfAny(wrong);
        return request;
    }

    static UserChange checked(UserChange change) {
        Map<String, String> wrong = new LinkedHashMap<>();
        if (change == null || (change.role() == null && change.password() == null)) {
            throw ApiException.invalidFields(Map.of("body", "must give a role, a password or both"));
        }
        role("role", change.role(), false, wrong);
        password(change.password(), false, wrong);
        failIfAny(wrong);
        return change;
    }

    static Role role(String role) {
        return role == null ? null : Role.parse(role).orElseThrow();
    }

    private static void name(String name, Map<String, String> wrong) {
        if (name == null || name.isBlank() || name.length() > 100) {
            wrong.put("name", "must be 1 to 100 characters");
        }
    }

    private static void expiry(Instant expiresAt, Instant now, Map<String, String> wrong) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            wrong.put("expiresAt", "must be in the future");
        }
    }

    private static void role(String field, String role, boolean required, Map<String, String> wrong) {
        if (role == null ? required : Role.parse(role).isEmpty()) {
            wrong.put(field, "must be one of viewer, editor, admin");
        }
    }

    private static void password(String password, boolean required, Map<String, String> wrong) {
        if (password == null ? required : password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            wrong.put("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }

    private static void failIfAny(Map<String, String> wrong) {
        if (!wrong.isEmpty()) {
            throw ApiException.invalidFields(wrong);
        }
    }
}
