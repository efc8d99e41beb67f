package dev.vigil.alert.notify;

/** One integration: sends a notification to a channel of its type. Blocking; called on a virtual thread. */
public interface Notifier {

    /** Never throws for a failed delivery: the result says whether it can be retried. */
    DeliveryResult send(Notification notification, Target target);
}
