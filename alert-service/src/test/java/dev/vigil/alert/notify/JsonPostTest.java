package dev.vigil.alert.notify;

import dev.vigil.alert.destination.DestinationPolicy;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPostTest {

    /** The stand-ins of these tests listen on 127.0.0.1. */
    private static final DestinationPolicy LOOPBACK_ALLOWED = DestinationPolicy.allowing(List.of("127.0.0.1"));

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(JsonPost.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(JsonPost.retryAfter(null)).isNull();
        assertThat(JsonPost.retryAfter("soon")).isNull();
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(JsonPost.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    }

    @Test
    void classifiesAnswersAsDeliveredRetryableOrPermanent() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            receiver.answerNext(503, Map.of("Retry-After", "3"), "busy");
            receiver.answerNext(429, Map.of(), "slow down");
            receiver.answerNext(404, Map.of(), "no_service");
            JsonPost post = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(5), LOOPBACK_ALLOWED);

            assertThat(post.post(receiver.url("/x"), "{}".getBytes(), Map.of()))
                    .isEqualTo(new DeliveryResult.Failed(true, 503, Duration.ofSeconds(3), "HTTP 503: busy"));
            assertThat(post.post(receiver.url("/x"), "{}".getBytes(), Map.of()))
                    .isEqualTo(new DeliveryResult.Failed(true, 429, null, "HTTP 429: slow down"));
            assertThat(post.post(receiver.url("/x"), "{}".getBytes(), Map.of()))
                    .isEqualTo(new DeliveryResult.Failed(false, 404, null, "HTTP 404: no_service"));
            assertThat(post.post(receiver.url("/x"), "{}".getBytes(), Map.of())).isEqualTo(new DeliveryResult.Delivered(200));
        }
    }

    @Test
    void noAnswerIsRetryableAndTheReasonDoesNotShowTheUrl() {
        JsonPost post = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(2), LOOPBACK_ALLOWED);

        DeliveryResult result = post.post("http://127.0.0.1:1/secret-token", "{}".getBytes(), Map.of());

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).doesNotContain("secret-token");
        });
    }

    @Test
    void aUrlThatIsNotHttpIsAPermanentFailureThatDoesNotShowTheUrl() {
        JsonPost post = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(2), LOOPBACK_ALLOWED);

        DeliveryResult result = post.post("ftp://example.com/secret-token", "{}".getBytes(), Map.of());

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).doesNotContain("secret-token");
        });
    }

    /** The hole: the first 300 characters of whatever a channel's URL answered came back through the notification log. */
    @Test
    void anAnswerThatIsNotAShortCodeIsNotRepeatedInTheReason() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            receiver.answerNext(400, Map.of(), "{\"AccessKeyId\": \"AKIA-internal\", \"SecretAccessKey\": \"s3cr3t\"}");
            receiver.answerNext(500, Map.of(), "x".repeat(65));
            JsonPost post = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(5), LOOPBACK_ALLOWED);

            DeliveryResult.Failed json = (DeliveryResult.Failed) post.post(receiver.url("/x"), "{}".getBytes(), Map.of());
            assertThat(json.reason()).isEqualTo("HTTP 400: (the answer's body is not shown)");
            DeliveryResult.Failed longer = (DeliveryResult.Failed) post.post(receiver.url("/x"), "{}".getBytes(), Map.of());
            assertThat(longer.reason()).doesNotContain("xxxx");
        }
    }

    /**
     * The hole (SSRF): a channel's URL could point at loopback, cloud metadata or any internal address. At delivery
     * the URL is checked again, as a channel saved while its name resolved elsewhere may now reach inside.
     */
    @Test
    void aDestinationThatReachesAnInternalAddressIsAPermanentFailureAndNothingIsSent() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            JsonPost post = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(5), DestinationPolicy.allowing(List.of()));
            String byName = receiver.url("/secret-token").replace("127.0.0.1", "localhost");

            for (String url : List.of(receiver.url("/secret-token"), byName, "http://169.254.169.254/latest/meta-data/")) {
                DeliveryResult result = post.post(url, "{}".getBytes(), Map.of());

                assertThat(result).as(url).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> {
                    assertThat(f.retryable()).isFalse();
                    assertThat(f.httpStatus()).isZero();
                    assertThat(f.reason()).startsWith("destination refused: the channel's URL reaches a")
                            .contains("vigil.alert.destinations.allow").doesNotContain("secret-token");
                });
            }
            assertThat(receiver.requests()).as("requests that reached the internal address").isEmpty();

            JsonPost allowed = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(5), LOOPBACK_ALLOWED);
            assertThat(allowed.post(receiver.url("/x"), "{}".getBytes(), Map.of())).isEqualTo(new DeliveryResult.Delivered(200));
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    /** A redirect to an internal address would get round the check: none is followed, a 3xx is a permanent failure. */
    @Test
    void aRedirectIsNotFollowed() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            receiver.answerNext(302, Map.of("Location", receiver.url("/internal")), "");
            JsonPost post = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(5), LOOPBACK_ALLOWED);

            DeliveryResult result = post.post(receiver.url("/hook"), "{}".getBytes(), Map.of());

            assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> {
                assertThat(f.retryable()).isFalse();
                assertThat(f.httpStatus()).isEqualTo(302);
            });
            assertThat(receiver.requests()).extracting(RecordingReceiver.Request::path).containsExactly("/hook");
        }
    }

    @Test
    void refusesAClientThatFollowsRedirects() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JsonPost(following, Duration.ofSeconds(1), LOOPBACK_ALLOWED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
