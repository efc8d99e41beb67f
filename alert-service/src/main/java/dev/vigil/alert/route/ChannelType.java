package dev.vigil.alert.route;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The integrations a channel can send to. */
public enum ChannelType {
    /** A Slack incoming webhook; the secret is the webhook URL. */
    SLACK,
    /** PagerDuty Events API v2; the secret is the integration's routing key. */
    PAGERDUTY,
    /** Any HTTP endpoint, sent Alertmanager's webhook JSON; the secret is the URL. */
    WEBHOOK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChannelType> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ChannelType::id).toList();
    }
}
