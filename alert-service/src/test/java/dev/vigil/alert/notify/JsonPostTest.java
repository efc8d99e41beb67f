package dev.vigil.alert.notify;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPostTest {

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
            JsonPost post = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(5));

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
        JsonPost post = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(2));

        DeliveryResult result = post.post("http://127.0.0.1:1/secret-token", "{}".getBytes(), Map.of());

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).doesNotContain("secret-token");
        });
    }

    @Test
    void aUrlThatIsNotHttpIsAPermanentFailureThatDoesNotShowTheUrl() {
        JsonPost post = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(2));

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
            JsonPost post = new JsonPost(HttpClient.newHttpClient(), Duration.ofSeconds(5));

            DeliveryResult.Failed json = (DeliveryResult.Failed) post.post(receiver.url("/x"), "{}".getBytes(), Map.of());
            assertThat(json.reason()).isEqualTo("HTTP 400: (the answer's body is not shown)");
            DeliveryResult.Failed longer = (DeliveryResult.Failed) post.post(receiver.url("/x"), "{}".getBytes(), Map.of());
            assertThat(longer.reason()).doesNotContain("xxxx");
        }
    }
}
