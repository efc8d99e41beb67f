package dev.vigil.health.platform;

/** What the last probe of one service found. */
public enum ServiceStatus {
    /** Answered 200 and reported itself UP. */
    UP,
    /** Answered, but not ready: reported DOWN, or answered with an error status or an unreadable body. */
    DOWN,
    /** Did not answer: connection refused, reset, or no answer within the probe timeout. */
    UNREACHABLE,
    /** Not probed yet since this service started. */
    UNKNOWN
}
