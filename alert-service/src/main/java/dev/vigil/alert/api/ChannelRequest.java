package dev.vigil.alert.api;

import dev.vigil.alert.destination.DestinationPolicy;
import dev.vigil.alert.route.ChannelDefinition;
import dev.vigil.alert.route.ChannelType;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST} and {@code PUT /api/v1/channels}. By type: {@code slack} takes
 * {@code webhookUrl}; {@code pagerduty} takes {@code routingKey} and optionally {@code eventsUrl};
 * {@code webhook} takes {@code url}. The secret field (webhookUrl, routingKey, url) is required on create
 * and may be left out on update to keep the stored one; it is never returned. Every URL must be allowed by the
 * {@link DestinationPolicy}: no loopback, link-local, private or other internal address unless configured.
 */
public record ChannelRequest(String name, String type, String webhookUrl, String routingKey, String url,
                             String eventsUrl) {

    ChannelDefinition toDefinition(boolean creating, DestinationPolicy destinations) {
        List<FieldError> errors = new ArrayList<>();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (trimmed.length() > 255) {
            errors.add(new FieldError("name", "must have at most 255 characters"));
        }
        ChannelType channelType = type == null ? null : ChannelType.byId(type).orElse(null);
        if (channelType == null) {
            errors.add(new FieldError("type", "must be one of " + String.join(", ", ChannelType.ids())));
            throw new InvalidRequestException(errors);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        String secret = switch (channelType) {
            case SLACK -> {
                refuse(errors, "routingKey", routingKey, channelType);
                refuse(errors, "url", url, channelType);
                refuse(errors, "eventsUrl", eventsUrl, channelType);
                yield secretUrl(errors, "webhookUrl", webhookUrl, creating, destinations);
            }
            case PAGERDUTY -> {
                refuse(errors, "webhookUrl", webhookUrl, channelType);
                refuse(errors, "url", url, channelType);
                if (eventsUrl != null) {
                    if (!isHttpUrl(eventsUrl)) {
                        errors.add(new FieldError("eventsUrl", "must be an http(s) URL"));
                    } else if (destinations.refusal(eventsUrl).isPresent()) {
                        errors.add(new FieldError("eventsUrl", destinations.refusal(eventsUrl).get()));
                    } else {
                        settings.put("eventsUrl", eventsUrl);
                    }
                }
                if (routingKey == null || routingKey.isBlank()) {
                    if (creating) {
                        errors.add(new FieldError("routingKey", "is required for a pagerduty channel"));
                    }
                    yield null;
                }
                yield routingKey.strip();
            }
            case WEBHOOK -> {
                refuse(errors, "webhookUrl", webhookUrl, channelType);
                refuse(errors, "routingKey", routingKey, channelType);
                refuse(errors, "eventsUrl", eventsUrl, channelType);
                yield secretUrl(errors, "url", url, creating, destinations);
            }
        };
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new ChannelDefinition(trimmed, channelType, settings, secret);
    }

    /** The request field that carries a type's secret. */
    static String secretField(ChannelType type) {
        return switch (type) {
            case SLACK -> "webhookUrl";
            case PAGERDUTY -> "routingKey";
            case WEBHOOK -> "url";
        };
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "ChannelRequest[name=" + name + ", type=" + type + ", eventsUrl=" + eventsUrl + "]";
    }

    private static String secretUrl(List<FieldError> errors, String field, String value, boolean creating,
                                    DestinationPolicy destinations) {
        if (value == null || value.isBlank()) {
            if (creating) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!isHttpUrl(value.strip())) {
            // The message does not repeat the value: it is a secret.
            errors.add(new FieldError(field, "must be an http(s) URL"));
            return null;
        }
        var refused = destinations.refusal(value.strip());
        if (refused.isPresent()) {
            errors.add(new FieldError(field, refused.get()));
            return null;
        }
        return value.strip();
    }

    private static void refuse(List<FieldError> errors, String field, String value, ChannelType type) {
        if (value != null) {
            errors.add(new FieldError(field, "does not apply to a " + type.id() + " channel"));
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
