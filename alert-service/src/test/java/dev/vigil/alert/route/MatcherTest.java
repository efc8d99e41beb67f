package dev.vigil.alert.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatcherTest {

    @Test
    void regularExpressionsMatchTheWholeValue() {
        Matcher m = new Matcher("severity", Matcher.Op.REGEX, "page|critical");
        assertThat(m.matches(Map.of("severity", "critical"))).isTrue();
        assertThat(m.matches(Map.of("severity", "not critical"))).isFalse();
        assertThat(new Matcher("team", Matcher.Op.NOT_REGEX, "shop.*").matches(Map.of())).isTrue();
    }

    /** The hole: a route's pattern with nested repetition stalled routing on a long label value (backtracking). */
    @Test
    void aPatternThatBacktracksExponentiallyElsewhereMatchesInLinearTime() {
        Matcher evil = new Matcher("service", Matcher.Op.REGEX, "(a+)+$");
        String value = "a".repeat(5_000) + "!";
        long started = System.nanoTime();
        assertThat(evil.matches(Map.of("service", value))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void refusesAnInvalidExpressionWhenMade() {
        assertThatThrownBy(() -> new Matcher("a", Matcher.Op.REGEX, "(")).isInstanceOf(com.google.re2j.PatternSyntaxException.class);
    }
}
