package dev.vigil.ingest.forward;

import com.google.protobuf.CodedInputStream;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.pipeline.ForwardOutput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Sends OTLP/HTTP protobuf requests to one output and says what the answer means, following the
 * OTLP/HTTP specification: 2xx accepted; 429, 5xx and no answer at all retryable (with the server's
 * {@code Retry-After}, seconds or an HTTP date); anything else rejected for good.
 */
final class OtlpHttpSender {
    static final String PROTOBUF = "application/x-protobuf";
    private static final int REASON_CHARS = 300;
    /** {@code google.rpc.Status.message}: field 2, length-delimited. */
    private static final int STATUS_MESSAGE_TAG = (2 << 3) | 2;

    private final ForwardOutput output;
    private final HttpClient client;

    OtlpHttpSender(ForwardOutput output) {
        this.output = output;
        this.client = HttpClient.newBuilder().connectTimeout(output.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Delivery send(Signal signal, byte[] body) throws InterruptedException {
        URI url = output.url(signal.id());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(output.timeout())
                .header("Content-Type", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        output.headers().forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return new Delivery.Retryable("no answer from " + url + ": " + describe(e), Optional.empty());
        }
        return classify(url, response.statusCode(), response.headers().firstValue("Retry-After"),
                response.headers().firstValue("Content-Type").orElse(""), response.body(), Instant.now());
    }

    static Delivery classify(URI url, int status, Optional<String> retryAfter, String contentType, byte[] body,
            Instant now) {
        if (status >= 200 && status < 300) {
            return new Delivery.Accepted(status);
        }
        String reason = "HTTP " + status + " from " + url + message(contentType, body);
        if (status == 429 || status >= 500) {
            return new Delivery.Retryable(reason, retryAfter.flatMap(value -> retryAfter(value, now)));
        }
        return new Delivery.Rejected(status, reason);
    }

    /** {@code Retry-After} as delay-seconds or as an HTTP date; empty when it is neither. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The endpoint's own words: an OTLP {@code google.rpc.Status} message, or the start of a text body. */
    private static String message(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String status = contentType.startsWith(PROTOBUF) ? rpcStatusMessage(body) : null;
        String text = status != null ? status : new String(body, StandardCharsets.UTF_8);
        text = text.strip();
        if (text.length() > REASON_CHARS) {
            text = text.substring(0, REASON_CHARS) + "…";
        }
        return text.isEmpty() ? "" : ": " + text;
    }

    private static String rpcStatusMessage(byte[] body) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(body);
            String message = null;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == STATUS_MESSAGE_TAG) {
                    message = in.readStringRequireUtf8();
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            return message;
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
