package dev.vigil.ingest.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtlpHttpSenderTest {
    private static final URI URL = URI.create("http://otlp.example/v1/traces");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void acceptsEvery2xx() {
        assertThat(OtlpHttpSender.classify(URL, 200, Optional.empty(), "", new byte[0], NOW))
                .isEqualTo(new Delivery.Accepted(200));
        assertThat(OtlpHttpSender.classify(URL, 204, Optional.empty(), "", new byte[0], NOW))
                .isEqualTo(new Delivery.Accepted(204));
    }

    @Test
    void retries429And5xxWithTheirRetryAfter() {
        assertThat(OtlpHttpSender.classify(URL, 429, Optional.of("7"), "text/plain",
                "slow down".getBytes(StandardCharsets.UTF_8), NOW))
                .isEqualTo(new Delivery.Retryable("HTTP 429 from http://otlp.example/v1/traces: slow down",
                        Optional.of(Duration.ofSeconds(7))));
        assertThat(OtlpHttpSender.classify(URL, 502, Optional.empty(), "", new byte[0], NOW))
                .isEqualTo(new Delivery.Retryable("HTTP 502 from http://otlp.example/v1/traces", Optional.empty()));
    }

    @Test
    void rejectsOther4xxWithTheStatusMessageOfAProtobufBody() {
        // google.rpc.Status {code: 3, message: "bad span"}
        byte[] status = {0x08, 0x03, 0x12, 0x08, 'b', 'a', 'd', ' ', 's', 'p', 'a', 'n'};
        assertThat(OtlpHttpSender.classify(URL, 400, Optional.empty(), "application/x-protobuf", status, NOW))
                .isEqualTo(new Delivery.Rejected(400, "HTTP 400 from http://otlp.example/v1/traces: bad span"));
        assertThat(OtlpHttpSender.classify(URL, 301, Optional.empty(), "", new byte[0], NOW))
                .isEqualTo(new Delivery.Rejected(301, "HTTP 301 from http://otlp.example/v1/traces"));
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(OtlpHttpSender.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(OtlpHttpSender.retryAfter("Sun, 01 Mar 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(OtlpHttpSender.retryAfter("Sun, 01 Mar 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(OtlpHttpSender.retryAfter("soon", NOW)).isEmpty();
    }
}
