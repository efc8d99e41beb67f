package dev.vigil.access.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a lookup found for a credential, kept until a given instant: the credential lookups' way of asking PostgreSQL
 * once per {@link AccessConfig#cacheTtl()} rather than per request. Keyed by the credential's SHA-256, never by the
 * credential itself. Bounded: past {@value #MAX_ENTRIES} entries it starts over rather than grow.
 */
final class ExpiringCache<V> {

    /** Enough for every live credential of an installation. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(V value, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(Clock clock) {
        this.clock = clock;
    }

    /** The value kept for {@code key}, unless it is none or its time is up. */
    Optional<V> get(String key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.until().isAfter(clock.instant())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /**
     * Keeps {@code value} for {@code ttl} from now, but never past {@code expires} (the credential's own expiry, when
     * it has one): an expired credential must not outlive its expiry here.
     */
    void put(String key, V value, java.time.Duration ttl, Optional<Instant> expires) {
        Instant until = clock.instant().plus(ttl);
        if (expires.isPresent() && expires.get().isBefore(until)) {
            until = expires.get();
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, until));
    }

    void remove(String key) {
        entries.remove(key);
    }

    void clear() {
        entries.clear();
    }
}
