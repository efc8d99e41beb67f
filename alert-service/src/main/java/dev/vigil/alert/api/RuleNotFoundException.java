package dev.vigil.alert.api;

/** No rule has the id in the request's path; answered with 404. */
final class RuleNotFoundException extends RuntimeException {

    RuleNotFoundException(long id) {
        super("no rule with id " + id);
    }
}
