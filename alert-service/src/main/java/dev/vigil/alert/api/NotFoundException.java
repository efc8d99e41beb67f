package dev.vigil.alert.api;

/** No resource has the id in the request's path; answered with 404. */
final class NotFoundException extends RuntimeException {

    /** @param what {@code rule}, {@code channel}, {@code route}, {@code silence} */
    NotFoundException(String what, long id) {
        super("no " + what + " with id " + id);
    }
}
