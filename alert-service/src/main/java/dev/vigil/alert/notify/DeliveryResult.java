package dev.vigil.alert.notify;

import java.time.Duration;

/** How one attempt to deliver a notification ended. */
public sealed interface DeliveryResult {

    /** The integration accepted the notification. */
    record Delivered(int httpStatus) implements DeliveryResult {
    }

    /**
     * The integration did not accept it.
     *
     * @param retryable  whether trying again later can succeed (5xx, 429, no answer), as Alertmanager's notifiers say
     * @param httpStatus the answer's status; 0 when there was no answer
     * @param retryAfter what the integration asked to wait ({@code Retry-After}); {@code null} when it did not say
     * @param reason     for the delivery log; never contains the channel's secret
     */
    record Failed(boolean retryable, int httpStatus, Duration retryAfter, String reason) implements DeliveryResult {
    }
}
