package dev.vigil.access.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void keepsAValueForItsTimeToLiveThenForgetsIt() {
        HandClock clock = new HandClock();
        ExpiringCache<String> cache = new ExpiringCache<>(clock);
        cache.put("k", "v", Duration.ofSeconds(10), Optional.empty());

        clock.now = clock.now.plusSeconds(9);
        assertThat(cache.get("k")).contains("v");
        clock.now = clock.now.plusSeconds(1);
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void neverKeepsAValuePastTheCredentialsOwnExpiry() {
        HandClock clock = new HandClock();
        ExpiringCache<String> cache = new ExpiringCache<>(clock);
        cache.put("k", "v", Duration.ofSeconds(10), Optional.of(clock.now.plusSeconds(2)));

        clock.now = clock.now.plusSeconds(1);
        assertThat(cache.get("k")).contains("v");
        clock.now = clock.now.plusSeconds(1);
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void startsOverInsteadOfGrowingPastItsBound() {
        ExpiringCache<Integer> cache = new ExpiringCache<>(Clock.systemUTC());
        for (int i = 0; i < ExpiringCache.MAX_ENTRIES; i++) {
            cache.put("k" + i, i, Duration.ofMinutes(1), Optional.empty());
        }
        cache.put("last", -1, Duration.ofMinutes(1), Optional.empty());

        assertThat(cache.get("k0")).isEmpty();
        assertThat(cache.get("last")).contains(-1);
    }

    @Test
    void removeAndClearForgetAtOnce() {
        ExpiringCache<String> cache = new ExpiringCache<>(Clock.systemUTC());
        cache.put("a", "1", Duration.ofMinutes(1), Optional.empty());
        cache.put("b", "2", Duration.ofMinutes(1), Optional.empty());

        cache.remove("a");
        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.get("b")).contains("2");
        cache.clear();
        assertThat(cache.get("b")).isEmpty();
    }
}
