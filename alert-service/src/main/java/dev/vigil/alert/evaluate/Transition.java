package dev.vigil.alert.evaluate;

import java.time.Instant;

/**
 * One state change of one alert.
 *
 * @param eventId derived from the rule, the label set, the episode's start and the new state: the same
 *                change computed twice (say, after a crash between publishing and saving) has the same id
 * @param alert   the alert after the change
 */
public record Transition(String eventId, String ruleName, AlertState from, Alert alert, Instant at) {

    public AlertState to() {
        return alert.state();
    }
}
