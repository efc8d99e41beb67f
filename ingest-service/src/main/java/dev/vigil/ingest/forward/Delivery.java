package dev.vigil.ingest.forward;

import java.time.Duration;
import java.util.Optional;

/** How an endpoint answered one forwarded request. */
sealed interface Delivery {

    /** 2xx: the endpoint has the data; the record may be committed. */
    record Accepted(int status) implements Delivery {
    }

    /**
     * Unreachable, 429 or 5xx: the same request may succeed later.
     *
     * @param retryAfter what the endpoint asked for, if it did
     */
    record Retryable(String reason, Optional<Duration> retryAfter) implements Delivery {
    }

    /** Any other answer: sending the same request again cannot succeed. */
    record Rejected(int status, String reason) implements Delivery {
    }
}
