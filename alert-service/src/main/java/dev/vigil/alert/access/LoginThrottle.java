package dev.vigil.alert.access;

import dev.vigil.access.verify.AccessConfig;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code vigil.access.login-failures} failed logins of one user name within
 * {@code vigil.access.login-failure-window}, that name's logins are refused (429) until the oldest failure leaves
 * the window. Names that do not exist are counted the same, so the answer says nothing about which exist. Kept in
 * memory, per instance.
 */
@Singleton
final class LoginThrottle {

    /** Past this many names the oldest failures are forgotten rather than let memory grow under a spray of names. */
    private static final int MAX_NAMES = 10_000;

    private final AccessConfig config;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(AccessConfig config) {
        this.config = config;
    }

    /** Seconds until {@code username} may try again; 0 when it may now. */
    long waitSeconds(String username, Instant now) {
        Deque<Instant> recent = failures.get(username);
        if (recent == null) {
            return 0;
        }
        synchronized (recent) {
            prune(recent, now);
            if (recent.size() < config.loginFailures()) {
                return 0;
            }
            Instant free = recent.peekFirst().plus(config.loginFailureWindow());
            return Math.max(1, free.getEpochSecond() - now.getEpochSecond());
        }
    }

    void failed(String username, Instant now) {
        if (failures.size() >= MAX_NAMES) {
            failures.clear();
        }
        Deque<Instant> recent = failures.computeIfAbsent(username, n -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent, now);
            recent.addLast(now);
        }
    }

    void succeeded(String username) {
        failures.remove(username);
    }

    private void prune(Deque<Instant> recent, Instant now) {
        Instant oldest = now.minus(config.loginFailureWindow());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(oldest)) {
            recent.pollFirst();
        }
    }
}
