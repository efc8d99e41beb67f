package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.devstack.testing.PackagedService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged alert-service, killed and restarted while an alert fires, and run as two replicas at once:
 * Slack gets exactly one firing and one resolved message, and each state change is recorded once.
 */
class ExactlyOnceIT {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    @BeforeAll
    static void startIngest() {
        Telemetry.ingest();
    }

    @Test
    void aRestartWhileAnAlertFiresSendsNothingTwiceAndForgetsNothing() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String service = "checkout-" + id;
        String rule = "restart " + id;
        try (RecordingReceiver slack = new RecordingReceiver();
             PackagedService alert = PackagedAlertService.start(PackagedAlertService.quickTakeOver())) {
            AlertApi api = new AlertApi(alert.uri("/").toString());
            long channel = api.createChannel(Map.of("name", "slack " + id, "type", "slack", "webhookUrl", slack.url("/hook")));
            api.routeFor("route " + id, channel, id, 0, 1, 3600);
            long ruleId = api.errorRateRule(rule, service, id, 1, 1, 45);

            Telemetry.sendSpans(service, "POST /checkout", 4, 4);
            slack.await(1, WITHIN);

            alert.kill(); // SIGKILL: no lease is given up, offsets may be uncommitted
            alert.restart();
            // A restarted service on a busy machine takes a while to evaluate again; the state is what counts.
            api.awaitAlertState(ruleId, "firing", Duration.ofSeconds(30));

            List<RecordingReceiver.Request> both = slack.await(2, WITHIN);
            Thread.sleep(4_000);
            assertThat(titles(slack.requests())).containsExactly(
                    "[FIRING:1] " + rule + " (service=" + service + ")",
                    "[RESOLVED] " + rule + " (service=" + service + ")");
            assertThat(both).hasSize(2);
            assertThat(api.history(ruleId).<String>getList("to")).containsExactly("resolved", "firing", "pending");
            assertThat(api.notifications(channel).<Integer>getList("attempts")).containsExactly(1, 1);
        }
    }

    @Test
    void twoReplicasTogetherSendEachNotificationOnce() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String service = "checkout-" + id;
        String rule = "replicas " + id;
        try (RecordingReceiver slack = new RecordingReceiver();
             RecordingReceiver pagerDuty = new RecordingReceiver();
             PackagedService first = PackagedAlertService.start(PackagedAlertService.quickTakeOver());
             PackagedService second = PackagedAlertService.start(PackagedAlertService.quickTakeOver())) {
            AlertApi viaFirst = new AlertApi(first.uri("/").toString());
            AlertApi viaSecond = new AlertApi(second.uri("/").toString());
            long slackChannel = viaFirst.createChannel(Map.of("name", "slack " + id, "type", "slack",
                    "webhookUrl", slack.url("/hook")));
            long pdChannel = viaSecond.createChannel(Map.of("name", "pd " + id, "type", "pagerduty",
                    "routingKey", "rk-" + id, "eventsUrl", pagerDuty.url("/v2/enqueue")));
            viaFirst.routeFor("slack route " + id, slackChannel, id, 0, 1, 3600);
            viaSecond.routeFor("pd route " + id, pdChannel, id, 0, 1, 3600);
            long ruleId = viaSecond.errorRateRule(rule, service, id, 1, 1, 12);

            Telemetry.sendSpans(service, "POST /checkout", 4, 4);

            slack.await(2, WITHIN);
            List<RecordingReceiver.Request> events = pagerDuty.await(2, WITHIN);
            Thread.sleep(4_000);
            assertThat(titles(slack.requests())).containsExactly(
                    "[FIRING:1] " + rule + " (service=" + service + ")",
                    "[RESOLVED] " + rule + " (service=" + service + ")");
            assertThat(pagerDuty.requests()).hasSize(2);
            assertThat(events).extracting(e -> e.body().path("event_action").asText()).containsExactly("trigger", "resolve");
            assertThat(events.get(1).body().path("dedup_key").asText()).isEqualTo(events.get(0).body().path("dedup_key").asText());
            assertThat(viaFirst.history(ruleId).<String>getList("to")).containsExactly("resolved", "firing", "pending");
            assertThat(viaSecond.notifications(slackChannel).<Integer>getList("attempts")).containsExactly(1, 1);
        }
    }

    private static List<String> titles(List<RecordingReceiver.Request> requests) {
        List<String> titles = new ArrayList<>();
        for (RecordingReceiver.Request r : requests) {
            JsonNode text = r.body().path("text");
            titles.add(text.asText());
        }
        return titles;
    }
}
