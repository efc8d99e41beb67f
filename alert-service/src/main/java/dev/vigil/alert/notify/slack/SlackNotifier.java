package dev.vigil.alert.notify.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.notify.DeliveryResult;
import dev.vigil.alert.notify.JsonPost;
import dev.vigil.alert.notify.Notification;
import dev.vigil.alert.notify.NotifiedAlert;
import dev.vigil.alert.notify.Notifier;
import dev.vigil.alert.notify.Target;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * Posts one Block Kit message per notification to the channel's incoming-webhook URL: a header with the
 * status and the group, then per alert its summary, severity, service, value, since when, and a link.
 */
public final class SlackNotifier implements Notifier {

    /** Slack allows 50 blocks; three per alert plus the header stays below it. */
    static final int MAX_ALERTS = 15;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonPost http;

    public SlackNotifier(JsonPost http) {
        this.http = http;
    }

    @Override
    public DeliveryResult send(Notification notification, Target target) {
        try {
            return http.post(target.secret(), JSON.writeValueAsBytes(message(notification)), Map.of());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new DeliveryResult.Failed(false, 0, null, "cannot encode the message: " + e.getOriginalMessage());
        }
    }

    static ObjectNode message(Notification n) {
        String title = title(n);
        ObjectNode message = JSON.createObjectNode();
        message.put("text", escape(title)); // what notifications and clients without Block Kit show
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", truncate(title, 150));
        List<NotifiedAlert> alerts = n.alerts();
        for (NotifiedAlert alert : alerts.subList(0, Math.min(alerts.size(), MAX_ALERTS))) {
            String summary = alert.annotations().getOrDefault("summary", alert.ruleName());
            String description = alert.annotations().getOrDefault("description", "");
            ObjectNode text = blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn");
            String mark = switch (alert.status()) {
                case "firing" -> ":red_circle: *";
                case "nodata" -> ":grey_question: *No data:* *";
                default -> ":large_green_circle: *";
            };
            text.put("text", truncate(mark + escape(summary) + "*" + (description.isEmpty() ? "" : "\n" + escape(description)), 3000));
            ObjectNode fields = blocks.addObject().put("type", "section");
            ArrayNode list = fields.putArray("fields");
            field(list, "Severity", alert.labels().getOrDefault("severity", "none"));
            field(list, "Service", alert.labels().getOrDefault("service", "-"));
            field(list, "Value", format(alert.value()));
            field(list, "Since", alert.startsAt().toString());
            if (alert.endsAt() != null) {
                field(list, "Resolved", alert.endsAt().toString());
            }
            ObjectNode context = blocks.addObject().put("type", "context");
            context.putArray("elements").addObject().put("type", "mrkdwn")
                    .put("text", "<" + alert.link() + "|View in Vigil> · rule " + escape(alert.ruleName()));
        }
        if (alerts.size() > MAX_ALERTS) {
            blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                    .put("text", "and " + (alerts.size() - MAX_ALERTS) + " more");
        }
        return message;
    }

    /** {@code [FIRING:2] checkout errors} or {@code [RESOLVED] checkout errors}, as Alertmanager titles them. */
    static String title(Notification n) {
        String name = n.commonLabels().getOrDefault("alertname", n.receiver());
        String group = n.groupLabels().entrySet().stream().filter(e -> !e.getKey().equals("alertname"))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().reduce((a, b) -> a + ", " + b).orElse("");
        String status = n.firing() ? "[FIRING:" + n.firingAlerts().size() + "]" : "[RESOLVED]";
        return status + " " + name + (group.isEmpty() ? "" : " (" + group + ")");
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + escape(value));
    }

    /**
     * Telemetry's text as Slack shows it, not as Slack reads it: {@code &}, {@code <} and {@code >} escaped as Slack's
     * formatting rules ask, so a label value cannot mention {@code <!channel>}, ping a user or hide a link.
     */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
